import {
  ChatPromptTemplate,
  StringOutputParser,
  toFetchHandler,
  type FetchHandler,
  type Runnable,
  type ServeOptions,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { startServer, type LocalServer } from '../support/httpServer';

export let server: LocalServer | undefined;

/** Closes the server `serve` started, if any: every spec using `serve` runs this after each test. */
export async function closeServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

export async function serve<I, O>(
  runnable: Runnable<I, O>,
  options: ServeOptions<I> = {},
): Promise<{ url: string; handler: FetchHandler }> {
  const handler = toFetchHandler(runnable, { basePath: '/chain', ...options });
  server = await startServer(handler);
  return { url: `${server.origin}/chain`, handler };
}

export const jokeChain = (responses: string[] = ['Knock knock.']) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
    .pipe(new ScriptedChatModel({ responses, name: 'model' }))
    .pipe(new StringOutputParser());

export type Summary = [event: string, name: string, runId: string, parentIds: readonly string[]];
export const summary = (events: readonly StreamEvent[]): Summary[] =>
  events.map((e) => [e.event, e.name, e.run_id, e.parent_ids]);

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
