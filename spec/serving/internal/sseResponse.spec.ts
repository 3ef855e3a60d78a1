import { concat, map, Observable, of, throwError } from 'rxjs';
import { createTestScheduler } from 'rxchain/testing';
import { sseResponse, withHeartbeat } from '../../../lib/serving/internal/sseResponse';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (frames$: Observable<Uint8Array>): Observable<string> =>
  frames$.pipe(map((bytes) => decoder.decode(bytes)));
const frames = { a: encoder.encode('event: data\ndata: 1\n\n'), b: encoder.encode('event: end\n\n') };
const expected = { a: 'event: data\ndata: 1\n\n', b: 'event: end\n\n', p: ': ping\n\n' };

describe('withHeartbeat', () => {
  it('should add a ping every period between whole frames, and stop with the frames', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('---a------b|', frames);
      expectObservable(text(withHeartbeat(source, 4))).toBe('---a p---p-b|', expected);
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should pass an error on and stop pinging', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(text(withHeartbeat(cold('-a---#', frames), 2))).toBe('-ap-p#', expected);
    });
  });

  it('should stop the frames and the pings when unsubscribed', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--------b|', frames);
      expectObservable(text(withHeartbeat(source, 3)), '^----!').toBe('-a-p-', expected);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should send no ping for a period of 0, nor for frames that end at once', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(text(withHeartbeat(cold('--a|', frames), 0))).toBe('--a|', expected);
      expectObservable(text(withHeartbeat(cold('(ab|)', frames), 1))).toBe('(ab|)', expected);
    });
  });
});

describe('sseResponse', () => {
  it('should close the body normally after the error frame when the frames fail, telling onError', async () => {
    const errors: unknown[] = [];
    const failing = concat(
      of(frames.a),
      throwError(() => new Error('run failed')),
    );
    const response = sseResponse(failing, {
      heartbeatInterval: 0,
      scheduler: undefined,
      signal: undefined,
      onError: (e) => errors.push(e),
    });
    expect(await response.text()).toBe('event: data\ndata: 1\n\n');
    expect(errors).toEqual([new Error('run failed')]);
  });

  it('should hand out the frames buffered so far in one read, each frame whole', async () => {
    const burst = encoder.encode('event: data\ndata: 2\n\n');
    const response = sseResponse(of(frames.a, burst, frames.b), {
      heartbeatInterval: 0,
      scheduler: undefined,
      signal: undefined,
      onError: () => undefined,
    });
    const reader = response.body!.getReader();
    const reads: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads.push(decoder.decode(value));
    }
    expect(reads.join('')).toBe('event: data\ndata: 1\n\nevent: data\ndata: 2\n\nevent: end\n\n');
    expect(reads.length).toBeLessThan(3);
    expect(reads.every((read) => read.endsWith('\n\n'))).toBe(true);
  });

  it('should stop the frames when the body is cancelled', async () => {
    let unsubscribed = false;
    const endless = new Observable<Uint8Array>((subscriber) => {
      subscriber.next(frames.a);
      return () => {
        unsubscribed = true;
      };
    });
    const response = sseResponse(endless, {
      heartbeatInterval: 0,
      scheduler: undefined,
      signal: undefined,
      onError: () => undefined,
    });
    const reader = response.body!.getReader();
    expect(decoder.decode((await reader.read()).value)).toBe(expected.a);
    await reader.cancel();
    expect(unsubscribed).toBe(true);
  });

  it('should not subscribe the frames when the signal has already aborted', async () => {
    let subscribed = false;
    const controller = new AbortController();
    controller.abort();
    const response = sseResponse(
      new Observable<Uint8Array>(() => {
        subscribed = true;
      }),
      { heartbeatInterval: 0, scheduler: undefined, signal: controller.signal, onError: () => undefined },
    );
    expect(await response.text()).toBe('');
    expect(subscribed).toBe(false);
  });
});
