import { lastValueFrom, map, materialize, of, toArray, type Observable } from 'rxjs';
import {
  AIMessageChunk,
  ChatPromptTemplate,
  ChatPromptValue,
  dispatchCustomEvent,
  encodeEventStream,
  EventStreamError,
  HumanMessage,
  parseEventStream,
  parseEventStream$,
  RemoteRunError,
  RunnableLambda,
  RunnableSequence,
  RxchainError,
  sequentialIds,
  StringOutputParser,
  type ByteSource,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { cutBytes, joinBytes } from '../support/bytes';
import { ScriptedChatModel } from 'rxchain/testing';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TEXT = 'Ça va? 😀 très bien, naïve façade 👩🏽‍💻';

/** A ReadableStream over `chunks`, one per pull, that records cancellation. */
function byteStream(chunks: readonly Uint8Array[], options: { close?: boolean } = {}) {
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
function byteIterable(chunks: readonly Uint8Array[], options: { close?: boolean } = {}) {
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

interface Outcome {
  events: StreamEvent[];
  error?: unknown;
  completed: boolean;
}

/** Everything parseEventStream$ delivers for `body`. */
async function outcomeOf(body: ByteSource): Promise<Outcome> {
  const notifications = await lastValueFrom(parseEventStream$(body).pipe(materialize(), toArray()));
  const outcome: Outcome = { events: [], completed: false };
  for (const n of notifications) {
    if (n.kind === 'N') outcome.events.push(n.value);
    else if (n.kind === 'E') outcome.error = n.error;
    else outcome.completed = true;
  }
  return outcome;
}

const bytesOf = (events$: Observable<unknown>): Promise<Uint8Array<ArrayBuffer>> =>
  lastValueFrom(encodeEventStream(events$).pipe(toArray(), map(joinBytes)));

/** A chat model and parser whose reply streams multi-byte text word by word. */
const chat = () =>
  new ScriptedChatModel({ responses: [TEXT], split: 'word', name: 'model' }).pipe(new StringOutputParser());
const chatEvents = () => lastValueFrom(chat().events$('héllo', { idGenerator: sequentialIds() }).pipe(toArray()));
const chatBytes = () => bytesOf(chat().events$('héllo', { idGenerator: sequentialIds() }));

const frame = (json: string, event = 'data') => `event: ${event}\ndata: ${json}\n\n`;
const START =
  '{"event":"on_chain_start","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":1}}';
const END_EVENT =
  '{"event":"on_chain_end","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":1,"output":2}}';
const startEvent = {
  event: 'on_chain_start',
  name: 'x',
  run_id: '1',
  parent_ids: [],
  tags: [],
  metadata: {},
  data: { input: 1 },
};
const endEvent = { ...startEvent, event: 'on_chain_end', data: { input: 1, output: 2 } };

describe('parseEventStream', () => {
  describe('sources', () => {
    it('should parse a ReadableStream into the events streamEvents encoded', async () => {
      const original = await chatEvents();
      const { stream } = byteStream([await chatBytes()]);
      const outcome = await outcomeOf(stream);
      expect(outcome.completed).toBe(true);
      expect(outcome.events).toEqual(original);
      expect(outcome.events.length).toBeGreaterThan(10);
    });

    it('should parse an AsyncIterable of bytes', async () => {
      const original = await chatEvents();
      const { iterable } = byteIterable([await chatBytes()]);
      const outcome = await outcomeOf(iterable);
      expect(outcome.completed).toBe(true);
      expect(outcome.events).toEqual(original);
    });

    it('should parse the byte stream of streamEvents(..., { encoding: "text/event-stream" }) directly', async () => {
      const body = chat().streamEvents('héllo', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const events: StreamEvent[] = [];
      for await (const event of parseEventStream(body)) events.push(event);
      expect(events).toEqual(await chatEvents());
    });

    it('should parse a fetch Response body', async () => {
      const response = new Response(await chatBytes(), { headers: { 'content-type': 'text/event-stream' } });
      const outcome = await outcomeOf(response.body as ReadableStream<Uint8Array>);
      expect(outcome.events).toEqual(await chatEvents());
    });

    it("should fail with the byte stream's own error", async () => {
      const failure = new Error('connection reset');
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(frame(START)));
        },
        pull(controller) {
          controller.error(failure);
        },
      });
      const outcome = await outcomeOf(stream);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBe(failure);
    });
  });

  describe('framing', () => {
    it('should decode a frame with multi-byte UTF-8 split at every byte offset', async () => {
      const event = (await chatEvents()).find(
        (e) => e.event === 'on_chat_model_stream' && (e.data.chunk as AIMessageChunk).text.includes('😀'),
      );
      expect(event).toBeDefined();
      const bytes = await bytesOf(of(event));
      // Some characters take several bytes, so some offsets fall inside one.
      expect(bytes.length).toBeGreaterThan(decoder.decode(bytes).length);
      for (let offset = 0; offset <= bytes.length; offset++) {
        const { stream } = byteStream(cutBytes(bytes, [offset]));
        const outcome = await outcomeOf(stream);
        expect(outcome).toEqual({ events: [event], completed: true });
      }
    });

    it('should decode a whole stream fed one byte at a time, from either source', async () => {
      const bytes = await chatBytes();
      const single = Array.from(bytes, (byte) => Uint8Array.of(byte));
      const original = await chatEvents();
      expect((await outcomeOf(byteStream(single).stream)).events).toEqual(original);
      expect((await outcomeOf(byteIterable(single).iterable)).events).toEqual(original);
    });

    it('should accept CRLF and CR line endings', async () => {
      const text = decoder.decode(await chatBytes());
      const original = await chatEvents();
      for (const ending of ['\r\n', '\r']) {
        const outcome = await outcomeOf(byteStream([encoder.encode(text.replaceAll('\n', ending))]).stream);
        expect(outcome.completed).toBe(true);
        expect(outcome.events).toEqual(original);
      }
    });

    it('should skip comments and keep-alives between frames', async () => {
      const text = `: connected\n\n${frame(START)}\n\n: ping\n\n\r\n${frame(END_EVENT)}:ping\n\nevent: end\n\n`;
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome).toEqual({ events: [startEvent, endEvent], completed: true });
    });

    it('should read a frame without an event line as data', async () => {
      const outcome = await outcomeOf(byteStream([encoder.encode(`data: ${START}\n\nevent: end\n\n`)]).stream);
      expect(outcome).toEqual({ events: [startEvent], completed: true });
    });
  });

  describe('revival', () => {
    it('should revive chat model chunks as AIMessageChunk instances that concat', async () => {
      const { events } = await outcomeOf(byteStream([await chatBytes()]).stream);
      const chunks = events
        .filter((e) => e.event === 'on_chat_model_stream')
        .map((e) => e.data.chunk as AIMessageChunk);
      expect(chunks.length).toBeGreaterThan(3);
      for (const chunk of chunks) expect(chunk).toBeInstanceOf(AIMessageChunk);
      const whole = chunks.reduce((a, b) => a.concat(b));
      expect(whole).toBeInstanceOf(AIMessageChunk);
      expect(whole.content).toBe(TEXT);
      expect(whole.id).toBe('scripted-1');
      const output = events.find((e) => e.event === 'on_chat_model_end')?.data.output;
      expect(output).toBeInstanceOf(AIMessageChunk);
      expect(output).toEqual(whole);
    });

    it('should revive the chat model input messages and prompt values', async () => {
      const prompt = ChatPromptTemplate.fromTemplate('Say {x}');
      const chain = RunnableSequence.from([prompt, new ScriptedChatModel({ responses: ['ok'] })]);
      const bytes = await bytesOf(chain.events$({ x: 'é' }, { idGenerator: sequentialIds() }));
      const { events } = await outcomeOf(byteStream([bytes]).stream);
      const promptEnd = events.find((e) => e.event === 'on_prompt_end');
      expect(promptEnd?.data.output).toBeInstanceOf(ChatPromptValue);
      expect((promptEnd?.data.output as ChatPromptValue).messages[0]).toBeInstanceOf(HumanMessage);
      expect((promptEnd?.data.output as ChatPromptValue).toString()).toBe('Human: Say é');
      const modelStart = events.find((e) => e.event === 'on_chat_model_start');
      const [[message]] = (modelStart?.data.input as { messages: HumanMessage[][] }).messages as [[HumanMessage]];
      expect(message).toBeInstanceOf(HumanMessage);
      expect(message.text).toBe('Say é');
    });

    it('should revive data.error of on_*_error events as RemoteRunError, and the error frame as the failure', async () => {
      const original = new TypeError('bad input');
      const failing = RunnableSequence.from([
        RunnableLambda.from(function upper(x: string) {
          return x.toUpperCase();
        }),
        RunnableLambda.from(function reject(): string {
          throw original;
        }),
      ]);
      const body = failing.streamEvents('x', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const outcome = await outcomeOf(body);
      expect(outcome.completed).toBe(false);
      expect(outcome.error).toBeInstanceOf(RemoteRunError);
      expect(outcome.error).toBeInstanceOf(RxchainError);
      expect(outcome.error).not.toBe(original);
      expect((outcome.error as Error).name).toBe('TypeError');
      expect((outcome.error as Error).message).toBe('bad input');
      const errors = outcome.events.filter((e) => e.event.endsWith('_error'));
      expect(errors.map((e) => e.name)).toEqual(['reject', 'RunnableSequence']);
      for (const e of errors) {
        expect(e.data.error).toBeInstanceOf(RemoteRunError);
        expect(e.data.error).toMatchObject({ name: 'TypeError', message: 'bad input' });
      }
      expect(outcome.events.at(-1)?.event).toBe('on_chain_error');
    });

    it('should keep null and undefined custom event payloads as they were', async () => {
      const step = RunnableLambda.from(function report(x: string, config: RunnableConfig) {
        dispatchCustomEvent('nothing', null, config);
        dispatchCustomEvent('missing', undefined, config);
        dispatchCustomEvent('number', 0, config);
        return x;
      });
      const original = await lastValueFrom(step.events$('x', { idGenerator: sequentialIds() }).pipe(toArray()));
      const { events } = await outcomeOf(byteStream([await bytesOf(of(...original))]).stream);
      const custom = events.filter((e) => e.event === 'on_custom_event');
      expect(custom.map((e) => [e.name, e.data])).toEqual([
        ['nothing', null],
        ['missing', undefined],
        ['number', 0],
      ]);
      expect(events).toEqual(original);
    });
  });

  describe('errors', () => {
    it('should fail with RemoteRunError for an "event: error" frame, after the earlier events', async () => {
      const text = frame(START) + frame('{"name":"TimeoutError","message":"took too long"}', 'error');
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBeInstanceOf(RemoteRunError);
      expect(outcome.error).toMatchObject({ name: 'TimeoutError', message: 'took too long', runName: undefined });
    });

    it("should give the RemoteRunError the failed run's name when the error frame has one", async () => {
      const text = frame('{"name":"TypeError","message":"bad","run_name":"parser"}', 'error');
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome.error).toMatchObject({ name: 'TypeError', message: 'bad', runName: 'parser' });
    });

    it('should fail with EventStreamError carrying the frame text for malformed JSON', async () => {
      const text = frame(START) + 'event: data\ndata: {oops\n\nevent: end\n\n';
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBeInstanceOf(EventStreamError);
      expect((outcome.error as EventStreamError).frame).toBe('event: data\ndata: {oops');
      expect((outcome.error as Error).message).toContain('not JSON');
    });

    it('should fail with EventStreamError for JSON that is not an event', async () => {
      const outcome = await outcomeOf(byteStream([encoder.encode('event: data\ndata: [1]\n\nevent: end\n\n')]).stream);
      expect(outcome.error).toBeInstanceOf(EventStreamError);
      expect((outcome.error as EventStreamError).frame).toBe('event: data\ndata: [1]');
    });

    it('should fail with EventStreamError for an error frame whose data is not JSON', async () => {
      const outcome = await outcomeOf(byteStream([encoder.encode('event: error\ndata: boom\n\n')]).stream);
      expect(outcome.error).toBeInstanceOf(EventStreamError);
      expect((outcome.error as EventStreamError).frame).toBe('event: error\ndata: boom');
    });

    it('should fail with EventStreamError for an error frame whose JSON is not an object', async () => {
      for (const json of ['null', '"boom"', '[1]']) {
        const outcome = await outcomeOf(byteStream([encoder.encode(frame(json, 'error'))]).stream);
        expect(outcome.error).toBeInstanceOf(EventStreamError);
        expect((outcome.error as EventStreamError).frame).toBe(`event: error\ndata: ${json}`);
      }
    });

    it('should fail with EventStreamError for an unknown event type', async () => {
      const text = frame(START) + 'event: progress\ndata: {}\n\nevent: end\n\n';
      const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBeInstanceOf(EventStreamError);
      expect((outcome.error as EventStreamError).frame).toBe('event: progress\ndata: {}');
      expect((outcome.error as Error).message).toContain('"progress"');
    });

    it('should fail with EventStreamError when the stream ends without "event: end"', async () => {
      for (const text of ['', frame(START), frame(START).slice(0, -1), frame(START).slice(0, 30)]) {
        const outcome = await outcomeOf(byteStream([encoder.encode(text)]).stream);
        expect(outcome.completed).toBe(false);
        expect(outcome.error).toBeInstanceOf(EventStreamError);
      }
      const outcome = await outcomeOf(byteIterable([encoder.encode(frame(START))]).iterable);
      expect(outcome.events).toEqual([startEvent]);
      expect(outcome.error).toBeInstanceOf(EventStreamError);
      expect((outcome.error as Error).message).toContain('event: end');
    });

    it('should reject the async iterable form with the same errors', async () => {
      const body = byteStream([encoder.encode(frame('{"name":"RangeError","message":"nope"}', 'error'))]).stream;
      await expect(
        (async () => {
          for await (const _event of parseEventStream(body)) {
            // drain
          }
        })(),
      ).rejects.toMatchObject({ name: 'RangeError', message: 'nope' });
    });
  });

  describe('ending and cancellation', () => {
    it('should ignore frames after "event: end" in the same chunk, and cancel the body', async () => {
      const text = `${frame(START)}event: end\n\n${frame(END_EVENT)}event: bogus\ndata: {oops\n\n`;
      const { stream, state } = byteStream([encoder.encode(text), encoder.encode(frame(END_EVENT))], { close: false });
      const outcome = await outcomeOf(stream);
      expect(outcome).toEqual({ events: [startEvent], completed: true });
      expect(state.pulled).toBe(1);
      expect(state.cancelled).toHaveLength(1);
    });

    it('should ignore bytes after "event: end" from an async iterable and close it', async () => {
      const { iterable, state } = byteIterable(
        [encoder.encode(`${frame(START)}event: end\n\n`), encoder.encode('garbage\n\n')],
        { close: false },
      );
      const outcome = await outcomeOf(iterable);
      expect(outcome).toEqual({ events: [startEvent], completed: true });
      expect(state.returned).toBe(1);
    });

    it('should cancel the underlying ReadableStream when unsubscribed', async () => {
      const { stream, state } = byteStream([encoder.encode(frame(START))], { close: false });
      const events: StreamEvent[] = [];
      const first = new Promise<void>((resolve) => {
        const subscription = parseEventStream$(stream).subscribe((event) => {
          events.push(event);
          subscription.unsubscribe();
          resolve();
        });
      });
      await first;
      expect(events).toEqual([startEvent]);
      expect(state.cancelled).toHaveLength(1);
    });

    it('should cancel the underlying ReadableStream when a for await loop breaks', async () => {
      const { stream, state } = byteStream([encoder.encode(frame(START) + frame(END_EVENT))], { close: false });
      const seen: string[] = [];
      for await (const event of parseEventStream(stream)) {
        seen.push(event.event);
        break;
      }
      expect(seen).toEqual(['on_chain_start']);
      expect(state.cancelled).toHaveLength(1);
    });

    it('should cancel the underlying ReadableStream on reader.cancel() of the parsed stream', async () => {
      const { stream, state } = byteStream([encoder.encode(frame(START))], { close: false });
      const reader = parseEventStream(stream).getReader();
      expect((await reader.read()).value).toEqual(startEvent);
      expect(state.cancelled).toHaveLength(0);
      await reader.cancel();
      expect(state.cancelled).toHaveLength(1);
    });

    it('should close an async iterable source when unsubscribed', async () => {
      const { iterable, state } = byteIterable([encoder.encode(frame(START))], { close: false });
      for await (const _event of parseEventStream(iterable)) break;
      expect(state.returned).toBe(1);
    });

    it('should not touch the body until subscribed, and parse it once per subscription', async () => {
      const { stream, state } = byteStream([encoder.encode(frame(START) + 'event: end\n\n')]);
      const events$ = parseEventStream$(stream);
      expect(state.pulled).toBe(0);
      expect(stream.locked).toBe(false);
      expect(await lastValueFrom(events$.pipe(toArray()))).toEqual([startEvent]);
      expect(state.pulled).toBe(1);
    });
  });
});
