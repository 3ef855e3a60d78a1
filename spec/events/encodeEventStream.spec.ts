import {
  concat,
  lastValueFrom,
  map,
  materialize,
  Observable,
  of,
  Subject,
  throwError,
  toArray,
  type ObservableNotification,
} from 'rxjs';
import {
  dispatchCustomEvent,
  encodeEventStream,
  RunnableLambda,
  RunnableSequence,
  sequentialIds,
  StringOutputParser,
  type RunnableConfig,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const decoder = new TextDecoder();
const text = (chunks: readonly Uint8Array[]): string => chunks.map((chunk) => decoder.decode(chunk)).join('');

/** The frames' `data:` payloads, JSON-parsed, and the frame kinds, in order. */
function framesOf(sse: string): { kind: string; data: unknown }[] {
  expect(sse.endsWith('\n\n')).toBe(true);
  return sse
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: (data|end|error)$/);
      const kind = (eventLine ?? '').slice('event: '.length);
      if (dataLine === undefined) return { kind, data: undefined };
      expect(dataLine.startsWith('data: ')).toBe(true);
      return { kind, data: JSON.parse(dataLine.slice('data: '.length)) as unknown };
    });
}

/** Reads every chunk of a byte stream; resolves with the chunks and how it ended. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ chunks: Uint8Array[]; error?: unknown }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks };
      chunks.push(value);
    }
  } catch (error) {
    return { chunks, error };
  }
}

const upper = RunnableLambda.from(function upper(x: string) {
  return x.toUpperCase();
});
const exclaim = RunnableLambda.from(function exclaim(x: string) {
  return `${x}!`;
});
const shout = () => RunnableSequence.from([upper, exclaim]);

const SHOUT_FRAMES = [
  'event: data\ndata: {"event":"on_chain_start","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":"hé"}}\n\n',
  'event: data\ndata: {"event":"on_chain_start","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{"input":"hé"}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{"chunk":"HÉ"}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"upper","run_id":"run-2","parent_ids":["run-1"],"tags":["seq:step:1"],"metadata":{},"data":{"input":"hé","output":"HÉ"}}\n\n',
  'event: data\ndata: {"event":"on_chain_start","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{"input":"HÉ"}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{"chunk":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_stream","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"chunk":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"exclaim","run_id":"run-3","parent_ids":["run-1"],"tags":["seq:step:2"],"metadata":{},"data":{"input":"HÉ","output":"HÉ!"}}\n\n',
  'event: data\ndata: {"event":"on_chain_end","name":"RunnableSequence","run_id":"run-1","parent_ids":[],"tags":[],"metadata":{},"data":{"input":"hé","output":"HÉ!"}}\n\n',
  'event: end\n\n',
];

describe('encodeEventStream', () => {
  describe('through streamEvents(..., { encoding: "text/event-stream" })', () => {
    it('should write one exact frame per event, as UTF-8, then "event: end"', async () => {
      const stream = shout().streamEvents('hé', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const { chunks, error } = await readAll(stream);
      expect(error).toBeUndefined();
      expect(chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
      expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(SHOUT_FRAMES);
      // "é" is two bytes on the wire.
      expect(chunks[0]?.length).toBe(Buffer.byteLength(SHOUT_FRAMES[0] ?? '', 'utf8'));
      expect(chunks[0]?.length).toBe((SHOUT_FRAMES[0] ?? '').length + 1);
    });

    it('should carry the same events as events$ with the same ids', async () => {
      const stream = shout().streamEvents('hé', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const frames = framesOf(text((await readAll(stream)).chunks));
      const events = await lastValueFrom(shout().events$('hé', { idGenerator: sequentialIds() }).pipe(toArray()));
      expect(events).toHaveLength(9);
      expect(frames.map((f) => f.kind)).toEqual([...events.map(() => 'data'), 'end']);
      expect(frames.slice(0, -1).map((f) => f.data)).toEqual(JSON.parse(JSON.stringify(events)));
      expect(frames.at(-1)?.data).toBeUndefined();
    });

    it('should not run anything before the first read', async () => {
      let runs = 0;
      const counted = RunnableLambda.from(function counted(x: string) {
        runs++;
        return x;
      });
      const stream = counted.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' });
      expect(runs).toBe(0);
      const { chunks } = await readAll(stream);
      expect(runs).toBe(1);
      expect(text(chunks).endsWith('event: end\n\n')).toBe(true);
    });

    it('should send an error frame naming the failed run and then fail with the original error when a step throws', async () => {
      const original = new TypeError('bad input');
      const failing = RunnableSequence.from([
        upper,
        RunnableLambda.from(function reject(): string {
          throw original;
        }),
      ]);
      const stream = failing.streamEvents('x', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const { chunks, error } = await readAll(stream);
      expect(error).toBe(original);
      const frames = framesOf(text(chunks));
      expect(frames.map((f) => f.kind).filter((k) => k !== 'data')).toEqual(['error']);
      expect(frames.at(-1)).toEqual({
        kind: 'error',
        data: { name: 'TypeError', message: 'bad input', run_name: 'reject' },
      });
      expect(decoder.decode(chunks.at(-1))).toBe(
        'event: error\ndata: {"name":"TypeError","message":"bad input","run_name":"reject"}\n\n',
      );
      expect(text(chunks)).not.toContain('event: end');
      const errorEvents = frames.filter((f) => (f.data as { event?: string } | undefined)?.event?.endsWith('_error'));
      expect(errorEvents.map((f) => (f.data as { name: string }).name)).toEqual(['reject', 'RunnableSequence']);
    });

    it('should fail a for await loop with the original error after the error frame', async () => {
      const original = new RangeError('out of range');
      const failing = RunnableLambda.from(function reject(): string {
        throw original;
      });
      const seen: string[] = [];
      let caught: unknown;
      try {
        for await (const chunk of failing.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' })) {
          seen.push(decoder.decode(chunk));
        }
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(original);
      expect(seen.at(-1)).toBe(
        'event: error\ndata: {"name":"RangeError","message":"out of range","run_name":"reject"}\n\n',
      );
    });

    it('should serve as a Response body with the frames as its text', async () => {
      const stream = shout().streamEvents('hé', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const response = new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(await response.text()).toBe(SHOUT_FRAMES.join(''));
    });

    it('should serialise messages as plain JSON with a "type" field', async () => {
      const chain = new ScriptedChatModel({ responses: ['Hello world'], name: 'model' }).pipe(new StringOutputParser());
      const stream = chain.streamEvents('hi', {
        version: 'v2',
        encoding: 'text/event-stream',
        idGenerator: sequentialIds(),
      });
      const sse = text((await readAll(stream)).chunks);
      expect(sse).toContain('"chunk":{"type":"AIMessageChunk","content":"Hello","id":"scripted-1"}');
      const events = framesOf(sse)
        .filter((f) => f.kind === 'data')
        .map((f) => f.data as { event: string; data: Record<string, unknown> });
      const start = events.find((e) => e.event === 'on_chat_model_start');
      expect(start?.data).toEqual({ input: { messages: [[{ type: 'human', content: 'hi' }]] } });
      const end = events.find((e) => e.event === 'on_chat_model_end');
      expect(end?.data['output']).toEqual({ type: 'AIMessageChunk', content: 'Hello world', id: 'scripted-1' });
      const parserStream = events.filter((e) => e.event === 'on_parser_stream').map((e) => e.data['chunk']);
      expect(parserStream).toEqual(['Hello', ' world']);
    });

    it('should serialise an error in event data as { name, message } only', async () => {
      const original = Object.assign(new TypeError('bad input', { cause: new Error('deeper') }), { code: 'E_BAD' });
      const failing = RunnableLambda.from(function reject(): string {
        throw original;
      });
      const stream = failing.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' });
      const { chunks, error } = await readAll(stream);
      expect(error).toBe(original);
      const sse = text(chunks);
      expect(sse).not.toContain('stack');
      expect(sse).not.toContain('deeper');
      // The error frame carries the code; the event's error does not.
      expect(sse).toContain(
        'event: error\ndata: {"name":"TypeError","message":"bad input","code":"E_BAD","run_name":"reject"}',
      );
      const errorEvent = framesOf(sse).find(
        (f) => (f.data as { event?: string } | undefined)?.event === 'on_chain_error',
      );
      const payload = (errorEvent?.data as { data: { error: object } }).data.error;
      expect(Object.keys(payload)).toEqual(['name', 'message']);
      expect(payload).toEqual({ name: 'TypeError', message: 'bad input' });
    });

    it('should serialise an error nested in custom event data as { name, message }', async () => {
      const step = RunnableLambda.from(function report(x: string, config: RunnableConfig) {
        dispatchCustomEvent('problem', { reason: new RangeError('too far'), list: [new Error('a')] }, config);
        return x;
      });
      const sse = text(
        (await readAll(step.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' }))).chunks,
      );
      const custom = framesOf(sse).find((f) => (f.data as { event?: string } | undefined)?.event === 'on_custom_event');
      expect((custom?.data as { data: unknown }).data).toEqual({
        reason: { name: 'RangeError', message: 'too far' },
        list: [{ name: 'Error', message: 'a' }],
      });
    });
  });

  describe('cancellation', () => {
    /** A model whose reply streams one token, then stays open until torn down. */
    function openModel() {
      const counts = { subscribed: 0, tornDown: 0 };
      const tokens$ = new Observable<string>((subscriber) => {
        counts.subscribed++;
        subscriber.next('Hello');
        return () => {
          counts.tornDown++;
        };
      });
      return { counts, model: new ScriptedChatModel({ responses: [tokens$], name: 'model' }) };
    }

    it('should cancel the run when a for await loop breaks', async () => {
      const { counts, model } = openModel();
      const seen: string[] = [];
      for await (const chunk of model.streamEvents('hi', { version: 'v2', encoding: 'text/event-stream' })) {
        seen.push(decoder.decode(chunk));
        if (seen.at(-1)?.includes('"event":"on_chat_model_stream"')) break;
      }
      expect(counts).toEqual({ subscribed: 1, tornDown: 1 });
      expect(seen).toHaveLength(2);
    });

    it('should cancel the run on reader.cancel()', async () => {
      const { counts, model } = openModel();
      const reader = model.streamEvents('hi', { version: 'v2', encoding: 'text/event-stream' }).getReader();
      const first = await reader.read();
      expect(decoder.decode(first.value)).toContain('"event":"on_chat_model_start"');
      expect(counts).toEqual({ subscribed: 1, tornDown: 0 });
      await reader.cancel();
      expect(counts).toEqual({ subscribed: 1, tornDown: 1 });
      expect(await reader.read()).toEqual({ done: true, value: undefined });
    });

    it('should cancel the run when a Response body is cancelled', async () => {
      const { counts, model } = openModel();
      const response = new Response(model.streamEvents('hi', { version: 'v2', encoding: 'text/event-stream' }));
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.cancel();
      expect(counts.tornDown).toBe(1);
    });

    it('should stop the source Observable when unsubscribed', () => {
      const source = new Subject<unknown>();
      const frames: string[] = [];
      const subscription = encodeEventStream(source).subscribe((chunk) => frames.push(decoder.decode(chunk)));
      expect(source.observed).toBe(true);
      source.next({ a: 1 });
      subscription.unsubscribe();
      expect(source.observed).toBe(false);
      source.next({ a: 2 });
      expect(frames).toEqual(['event: data\ndata: {"a":1}\n\n']);
    });
  });

  describe('over any Observable', () => {
    /** What the encoded Observable delivers: N(ext) frames as text, then E(rror) or C(omplete). */
    interface Delivery {
      kind: 'N' | 'E' | 'C';
      value?: string | undefined;
      error?: unknown;
    }
    const toDelivery = (n: ObservableNotification<Uint8Array>): Delivery =>
      n.kind === 'N'
        ? { kind: 'N', value: decoder.decode(n.value) }
        : n.kind === 'E'
          ? { kind: 'E', error: n.error }
          : { kind: 'C' };
    const encoded = (events$: Observable<unknown>): Promise<Delivery[]> =>
      lastValueFrom(encodeEventStream(events$).pipe(materialize(), map(toDelivery), toArray()));

    it('should write only "event: end" for an empty source', async () => {
      const notifications = await encoded(of());
      expect(notifications.map((n) => [n.kind, n.value])).toEqual([
        ['N', 'event: end\n\n'],
        ['C', undefined],
      ]);
    });

    it('should write values that are not events, keeping unicode as UTF-8', async () => {
      const notifications = await encoded(of({ a: 'é😀\n' }, [1, null], 'text'));
      expect(notifications.map((n) => n.value)).toEqual([
        'event: data\ndata: {"a":"é😀\\n"}\n\n',
        'event: data\ndata: [1,null]\n\n',
        'event: data\ndata: "text"\n\n',
        'event: end\n\n',
        undefined,
      ]);
    });

    it('should write the error frame then fail with the same error object', async () => {
      const original = new SyntaxError('nope');
      const notifications = await encoded(
        concat(
          of(1),
          throwError(() => original),
        ),
      );
      expect(notifications.map((n) => n.kind)).toEqual(['N', 'N', 'E']);
      expect(notifications[1]?.value).toBe('event: error\ndata: {"name":"SyntaxError","message":"nope"}\n\n');
      expect(notifications[2]?.error).toBe(original);
    });

    it('should describe a thrown non-Error as a ThrownValueError that names only its type', async () => {
      const notifications = await encoded(throwError(() => 'plain string'));
      expect(notifications[0]?.value).toBe(
        'event: error\ndata: {"name":"ThrownValueError","message":"A value that is not an Error (a string) was thrown; it stays on the server."}\n\n',
      );
      expect(notifications[1]?.error).toBe('plain string');
    });

    it('should fail through its error channel, after an error frame, when an event cannot be serialised', async () => {
      const source = new Subject<unknown>();
      const received: Delivery[] = [];
      encodeEventStream(source)
        .pipe(materialize(), map(toDelivery))
        .subscribe((delivery) => received.push(delivery));
      source.next({ ok: 1 });
      source.next({ big: 10n });
      expect(received.map((n) => n.kind)).toEqual(['N', 'N', 'E']);
      expect(received[1]?.value).toMatch(/^event: error\ndata: \{"name":"TypeError","message":".*BigInt.*"\}\n\n$/);
      expect(received[2]?.error).toBeInstanceOf(TypeError);
      expect(source.observed).toBe(false);
    });

    it('should fail a streamEvents byte stream when a custom event payload cannot be serialised', async () => {
      const circular: Record<string, unknown> = {};
      circular['self'] = circular;
      const step = RunnableLambda.from(function report(x: string, config: RunnableConfig) {
        dispatchCustomEvent('loop', circular, config);
        return x;
      });
      const { chunks, error } = await readAll(step.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' }));
      expect(error).toBeInstanceOf(TypeError);
      expect(decoder.decode(chunks.at(-1))).toMatch(
        /^event: error\ndata: \{"name":"TypeError","message":"[^"]*circular[^"]*"\}\n\n$/i,
      );
      expect(text(chunks)).not.toContain('event: end');
    });
  });
});
