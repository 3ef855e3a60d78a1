import { lastValueFrom, toArray } from 'rxjs';
import {
  dispatchCustomEvent,
  RunnableLambda,
  RunnableSequence,
  sequentialIds,
  StringOutputParser,
  type RunnableConfig,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { decoder, text, framesOf, readAll, upper, shout, SHOUT_FRAMES } from './encodeEventStream.helpers';

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
      const counted = RunnableLambda.from(
        function counted(x: string) {
          runs++;
          return x;
        },
        { name: 'counted' },
      );
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
        RunnableLambda.from(
          function reject(): string {
            throw original;
          },
          { name: 'reject' },
        ),
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
      const failing = RunnableLambda.from(
        function reject(): string {
          throw original;
        },
        { name: 'reject' },
      );
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
      const failing = RunnableLambda.from(
        function reject(): string {
          throw original;
        },
        { name: 'reject' },
      );
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
      const step = RunnableLambda.from(
        function report(x: string, config: RunnableConfig) {
          dispatchCustomEvent('problem', { reason: new RangeError('too far'), list: [new Error('a')] }, config);
          return x;
        },
        { name: 'report' },
      );
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
});
