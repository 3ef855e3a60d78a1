import { catchError, of } from 'rxjs';
import {
  ApiCallError,
  InvalidArgumentError,
  RunnableLambda,
  RunnableRetry,
  StringOutputParser,
  TimeoutError,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

describe('RunnableRetry', () => {
  describe('in virtual time', () => {
    const rateLimited = (retryAfter?: number) =>
      new ApiCallError({ url: 'http://x/v1', status: 429, isRetryable: true, retryAfter, problem: 'HTTP 429' });

    it("should wait the error's retryAfter (seconds) before the next attempt", () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, rateLimited(2));
        const working = cold('a|', { a: 'ok' });
        const model = new ScriptedChatModel({ responses: [failing, working] });
        expectObservable(model.withRetry().pipe(new StringOutputParser()).stream$('q')).toBe('2000ms a|', { a: 'ok' });
      });
    });

    it('should cap a retryAfter at a minute, and let an explicit delay win over it', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, rateLimited(3600));
        const model = new ScriptedChatModel({ responses: [failing, cold('a|', { a: 'ok' })] });
        expectObservable(model.withRetry().pipe(new StringOutputParser()).stream$('q')).toBe('60000ms a|', { a: 'ok' });
      });
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, rateLimited(3600));
        const model = new ScriptedChatModel({ responses: [failing, cold('a|', { a: 'ok' })] });
        const chain = model.withRetry({ delay: 7 }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('7ms a|', { a: 'ok' });
      });
    });

    it('should back off by default, not retry at once (100 ms doubling, with jitter)', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, new Error('down'));
        const model = new ScriptedChatModel({ responses: [failing, failing, cold('a|', { a: 'ok' })] });
        const chain = model.withRetry({ backoff: { jitter: () => 0.5 } }).pipe(new StringOutputParser());
        // 50 ms (half of 100), then 100 ms (half of 200).
        expectObservable(chain.stream$('q')).toBe('150ms a|', { a: 'ok' });
      });
    });

    it('should follow backoff options: initialDelayMs, factor, maxDelayMs, no jitter', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, new Error('down'));
        const model = new ScriptedChatModel({ responses: [failing, failing, failing, cold('a|', { a: 'ok' })] });
        const backoff = { initialDelayMs: 10, factor: 3, maxDelayMs: 50, jitter: false };
        const chain = model.withRetry({ stopAfterAttempt: 4, backoff }).pipe(new StringOutputParser());
        // 10, 30, then 90 capped at 50.
        expectObservable(chain.stream$('q')).toBe('90ms a|', { a: 'ok' });
      });
    });

    it('should refuse a negative backoff option', () => {
      expect(
        () =>
          new RunnableRetry(
            RunnableLambda.from((x: number) => x),
            { backoff: { factor: -1 } },
          ),
      ).toThrow(InvalidArgumentError);
    });

    it('should wait delay milliseconds on the scheduler before the next attempt', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const failing = cold<string>('--#', undefined, new Error('down'));
        const working = cold('-a-b|', { a: 'x', b: 'y' });
        const model = new ScriptedChatModel({ responses: [failing, working] });
        const chain = model.withRetry({ delay: 5 }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('--- 5ms a-b|', { a: 'x', b: 'y' });
        expectSubscriptions(failing.subscriptions).toBe('^-!');
        expectSubscriptions(working.subscriptions).toBe('-------^---!');
      });
    });

    it('should back off with a delay function of the attempt number', () => {
      const asked: number[] = [];
      createTestScheduler().run(({ cold, expectObservable }) => {
        const failing = cold<string>('#', undefined, new Error('down'));
        const working = cold('a|', { a: 'ok' });
        const model = new ScriptedChatModel({ responses: [failing, failing, working] });
        const delay = (attempt: number): number => {
          asked.push(attempt);
          return 10 * 2 ** (attempt - 1);
        };
        const chain = model.withRetry({ stopAfterAttempt: 3, delay }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('30ms a|', { a: 'ok' });
      });
      expect(asked).toEqual([1, 2]);
    });

    it('should cancel a pending delay and start no further attempt when unsubscribed', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const failing = cold<string>('-#', undefined, new Error('down'));
        const working = cold('a|', { a: 'never seen' });
        const model = new ScriptedChatModel({ responses: [failing, working] });
        const retried = model.withRetry({ delay: 10 }).pipe(new StringOutputParser());
        expectObservable(retried.stream$('q'), '^----!').toBe('-');
        expectSubscriptions(failing.subscriptions).toBe('^!');
        expectSubscriptions(working.subscriptions).toBe([]);
      });
    });

    it('should retry an attempt that its own firstChunkTimeout cut short', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const stalls = cold<string>('-------');
        const working = cold('a-b|', { a: 'x', b: 'y' });
        const model = new ScriptedChatModel({ responses: [stalls, working] });
        const chain = model.withConfig({ firstChunkTimeout: 3 }).withRetry({ delay: 0 }).pipe(new StringOutputParser());
        expectObservable(chain.stream$('q')).toBe('---a-b|', { a: 'x', b: 'y' });
        expectSubscriptions(stalls.subscriptions).toBe('^--!');
      });
    });

    it('should not retry an attempt that stalled after delivering a chunk (idleTimeout)', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const stalls = cold('a-------', { a: 'x' });
        const model = new ScriptedChatModel({ responses: [stalls, cold('a|', { a: 'unused' })] });
        const chain = model.withConfig({ idleTimeout: 3 }).withRetry().pipe(new StringOutputParser());
        const outcome$ = chain
          .stream$('q')
          .pipe(catchError((e: unknown) => of(e instanceof TimeoutError ? e.limit : 'other')));
        expectObservable(outcome$).toBe('a--(b|)', { a: 'x', b: 'idleTimeout' });
      });
    });
  });

  describe('cancellation', () => {
    it('should not retry once the signal aborted', async () => {
      const controller = new AbortController();
      let calls = 0;
      const slow = RunnableLambda.from(async (_: string, config) => {
        calls++;
        await new Promise((resolve) => setImmediate(resolve));
        controller.abort();
        throw config.signal?.reason ?? new Error('aborted');
      });
      await expect(
        slow.withRetry({ stopAfterAttempt: 5 }).invoke('x', { signal: controller.signal }),
      ).rejects.toThrow();
      expect(calls).toBe(1);
    });
  });
});
