import { BaseRetriever, Document, type BaseMessage, type RunnableConfig } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

// Stand-ins for LangChain.js's test doubles (utils/testing), written against rxchain's API.

/** Like LangChain's FakeChatModel: replies with the messages' texts joined by newlines (or the first stop word). */
export function echoChatModel(options: { stop?: string; name?: string } = {}): ScriptedChatModel {
  return new ScriptedChatModel({
    responses: (messages: readonly BaseMessage[]) => options.stop ?? messages.map((message) => message.text).join('\n'),
    split: 'none',
    name: options.name,
  });
}

/** Like LangChain's FakeStreamingLLM: streams its prompt back one character at a time. */
export function echoStreamingModel(options: { name?: string } = {}): ScriptedChatModel {
  return new ScriptedChatModel({
    responses: (messages: readonly BaseMessage[]) => messages.map((message) => message.text).join('\n'),
    split: 'char',
    name: options.name,
  });
}

/** A model that always fails, like LangChain's fakes with `thrownErrorString`. */
export function failingModel(message: string): ScriptedChatModel {
  return new ScriptedChatModel({ responses: ['x'], failAt: { token: 1, error: new Error(message) } });
}

/** Like LangChain's FakeRetriever: always the documents "foo" and "bar". */
export class FakeRetriever extends BaseRetriever {
  protected override get defaultName(): string {
    return 'FakeRetriever';
  }

  protected async _getRelevantDocuments(_query: string, _config: RunnableConfig): Promise<Document[]> {
    return [new Document({ pageContent: 'foo' }), new Document({ pageContent: 'bar' })];
  }
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of await iterable) out.push(value);
  return out;
}

/** Resolves after the event loop has run once (other I/O and timers first). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
