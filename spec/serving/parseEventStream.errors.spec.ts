import { lastValueFrom, toArray } from 'rxjs';
import { EventStreamError, parseEventStream, parseEventStream$, RemoteRunError, type StreamEvent } from 'rxchain';
import {
  encoder,
  byteStream,
  byteIterable,
  outcomeOf,
  frame,
  START,
  END_EVENT,
  startEvent,
} from './parseEventStream.helpers';

describe('parseEventStream', () => {
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
