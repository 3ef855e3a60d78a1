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
import { dispatchCustomEvent, encodeEventStream, RunnableLambda, type RunnableConfig } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { decoder, text, readAll } from './encodeEventStream.helpers';

describe('encodeEventStream', () => {
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
      const step = RunnableLambda.from(
        function report(x: string, config: RunnableConfig) {
          dispatchCustomEvent('loop', circular, config);
          return x;
        },
        { name: 'report' },
      );
      const { chunks, error } = await readAll(step.streamEvents('x', { version: 'v2', encoding: 'text/event-stream' }));
      expect(error).toBeInstanceOf(TypeError);
      expect(decoder.decode(chunks.at(-1))).toMatch(
        /^event: error\ndata: \{"name":"TypeError","message":"[^"]*circular[^"]*"\}\n\n$/i,
      );
      expect(text(chunks)).not.toContain('event: end');
    });
  });
});
