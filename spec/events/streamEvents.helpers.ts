import { ScriptedChatModel } from 'rxchain/testing';

export const model = (text = 'Hello world!') => new ScriptedChatModel({ responses: [text], name: 'model' });
