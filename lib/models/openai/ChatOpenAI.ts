import { ChatOpenAICompatible } from './ChatOpenAICompatible.js';

/**
 * `ChatOpenAICompatible` under LangChain.js's name: the same model, whose runs report
 * the name `ChatOpenAI`, so code and traces written for LangChain carry over.
 *
 * @example
 * ```ts
 * import { ChatOpenAI } from 'rxchain';
 *
 * const model = new ChatOpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY, model: 'gpt-4o-mini' });
 * const reply = await model.invoke('Say hello');
 * console.log(model.getName(), reply.content); // => 'ChatOpenAI', 'Hello! How can I help you today?'
 * ```
 */
export class ChatOpenAI extends ChatOpenAICompatible {
  protected override get defaultName(): string {
    return 'ChatOpenAI';
  }
}
