import { z } from 'zod';
import {
  ChatPromptTemplate,
  StringOutputParser,
  toFetchHandler,
  type AIMessageChunk,
  type FetchHandler,
  type ServeOptions,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { startServer, type LocalServer } from '../support/httpServer';

export const jokeChain = (responses: string[] = ['Knock knock.']) =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
    .pipe(new ScriptedChatModel({ responses, name: 'model' }))
    .pipe(new StringOutputParser());

export const topicSchema = z.object({ topic: z.string() });

export let server: LocalServer | undefined;

/** Closes the server `serve` started, if any: every spec using `serve` runs this after each test. */
export async function closeServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

export async function serve<I, O>(
  runnable: Parameters<typeof toFetchHandler<I, O>>[0],
  options: ServeOptions<I> = {},
): Promise<{ url: string; handler: FetchHandler }> {
  const handler = toFetchHandler(runnable, { basePath: '/chain', ...options });
  server = await startServer(handler);
  return { url: `${server.origin}/chain`, handler };
}

/** An event without what differs between two runs of the same chain: nothing, with the same id generator. */
export function comparable(event: StreamEvent): unknown {
  const chunk = event.data.chunk as AIMessageChunk | string | undefined;
  return { ...event, data: { ...event.data, chunk: typeof chunk === 'object' ? chunk.content : chunk } };
}
