import {
  AIMessageChunk,
  ChatPromptTemplate,
  MessagesPlaceholder,
  StringOutputParser,
  toFetchHandler,
  type Runnable,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { startServer, type LocalServer } from '../../support/httpServer';

/** One of the served chains the conformance drives, with the inputs it is called with. */
export interface ServedChain {
  readonly name: string;
  /** A fresh instance (scripted models count their calls). */
  readonly build: () => Runnable;
  /** Two inputs, as rxchain's in-process runs take them. */
  readonly inputs: readonly [unknown, unknown];
  /** The same inputs built with LangChain.js's classes, as its client sends them. */
  readonly lcInputs: () => readonly [unknown, unknown];
}

/** `prompt | model | parser`: a string streamed word by word. */
export const jokeChain = (): Runnable =>
  ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
    .pipe(new ScriptedChatModel({ responses: ['Why did the cat sit on the keyboard?'], name: 'model' }))
    .pipe(new StringOutputParser());

/** A chat-history chain: system, `MessagesPlaceholder('history')`, the question; answers a message. */
export const historyChain = (): Runnable =>
  ChatPromptTemplate.fromMessages([
    ['system', 'You are terse.'],
    new MessagesPlaceholder('history'),
    ['human', '{question}'],
  ]).pipe(
    new ScriptedChatModel({
      responses: (messages) =>
        `I saw ${messages.length} messages, the last: ${messages[messages.length - 1]?.text ?? ''}`,
      name: 'model',
    }),
  );

/** A tool-calling model: its chunks carry tool-call fragments that add up to one call. */
export const toolChain = (): Runnable =>
  new ScriptedChatModel({
    name: 'toolModel',
    responses: [
      {
        tokens: [
          new AIMessageChunk({
            content: '',
            id: 'run-tool',
            tool_call_chunks: [{ name: 'add', args: '{"a": 1', id: 'call-1', index: 0, type: 'tool_call_chunk' }],
          }),
          new AIMessageChunk({
            content: '',
            tool_call_chunks: [{ args: ', "b": 2}', index: 0, type: 'tool_call_chunk' }],
            usage_metadata: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
          }),
        ],
      },
    ],
  });

/** Serves `build()` afresh for every request, so scripted call counts never leak between runs. */
export async function serveFresh(build: () => Runnable, basePath: string): Promise<LocalServer> {
  return startServer((request) => toFetchHandler(build(), { basePath, heartbeatInterval: 0 })(request));
}
