import { lastValueFrom, map, materialize, toArray, type Observable } from 'rxjs';
import {
  encodeEventStream,
  parseEventStream$,
  sequentialIds,
  StringOutputParser,
  type ByteSource,
  type StreamEvent,
} from 'rxchain';
import { joinBytes } from '../support/bytes';
import { ScriptedChatModel } from 'rxchain/testing';

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();
export const TEXT = 'Ça va? 😀 très bien, naïve façade 👩🏽‍💻';

/** A ReadableStream over `chunks`, one per pull, that records cancellation. */
export function byteStream(chunks: readonly Uint8Array[], options: { close?: boolean } = {}) {
  const state = { pulled: 0, cancelled: [] as unknown[] };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[state.pulled];
        if (chunk !== undefined) {
          state.pulled++;
          controller.enqueue(chunk);
        } else if (options.close !== false) {
          controller.close();
        }
      },
      cancel(reason) {
        state.cancelled.push(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/**
 * An async iterable over `chunks` (like a socket's: with `close: false` its next() then
 * waits forever) that records whether it was closed early with return().
 */
export function byteIterable(chunks: readonly Uint8Array[], options: { close?: boolean } = {}) {
  const state = { returned: 0 };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let index = 0;
      return {
        next: (): Promise<IteratorResult<Uint8Array>> => {
          const chunk = chunks[index];
          if (chunk !== undefined) {
            index++;
            return Promise.resolve({ done: false, value: chunk });
          }
          return options.close === false
            ? new Promise(() => undefined)
            : Promise.resolve({ done: true, value: undefined });
        },
        return: (): Promise<IteratorResult<Uint8Array>> => {
          state.returned++;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return { iterable, state };
}

export interface Outcome {
  events: StreamEvent[];
  error?: unknown;
  completed: boolean;
}

/** Everything parseEventStream$ delivers for `body`. */
export async function outcomeOf(body: ByteSource): Promise<Outcome> {
  const notifications = await lastValueFrom(parseEventStream$(body).pipe(materialize(), toArray()));
  const outcome: Outcome = { events: [], completed: false };
  for (const n of notifications) {
    if (n.kind === 'N') outcome.events.push(n.value);
    else if (n.kind === 'E') outcome.error = n.error;
    else outcome.completed = true;
  }
  return outcome;
}

export const bytesOf = (events$: Observable<unknown>): Promise<Uint8Array<ArrayBuffer>> =>
  lastValueFrom(encodeEventStream(events$).pipe(toArray(), map(joinBytes)));

/** A chat model and parser whose reply streams multi-byte text word by word. */
export const chat = () =>
  new ScriptedChatModel({ responses: [TEXT], split: 'word', name: 'model' }).pipe(new StringOutputParser());
export const chatEvents = () =>
  lastValueFrom(chat().events$('héllo', { idGenerator: sequentialIds() }).pipe(toArray()));
export const chatBytes = () => bytesOf(chat().events$('héllo', { idGenerator: sequentialIds() }));

export const frame = (json: string, event = 'data') => `event: ${event}\ndata: ${json}\n\n`;
export const START =
  '{"event":"on_chain_start","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":1}}';
export const END_EVENT =
  '{"event":"on_chain_end","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":1,"output":2}}';
export const startEvent = {
  event: 'on_chain_start',
  name: 'x',
  run_id: '1',
  parent_ids: [],
  tags: [],
  metadata: {},
  data: { input: 1 },
};
export const endEvent = { ...startEvent, event: 'on_chain_end', data: { input: 1, output: 2 } };
