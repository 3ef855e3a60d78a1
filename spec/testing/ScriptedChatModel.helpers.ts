import { ScriptedChatModel } from 'rxchain/testing';

export const texts = async (model: ScriptedChatModel, input = 'Hi'): Promise<string[]> => {
  const seen: string[] = [];
  for await (const chunk of await model.stream(input)) seen.push(chunk.text);
  return seen;
};
