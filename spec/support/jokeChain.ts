import { ChatPromptTemplate, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

/**
 * The joke chain the Runnable specs run, and a helper that collects an async iterable.
 */

export const jokeChain = (model: ScriptedChatModel) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}').pipe(model).pipe(new StringOutputParser());

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
