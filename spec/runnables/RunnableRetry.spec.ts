import { catchError, map, of, type Observable } from 'rxjs';
import {
  AIMessageChunk,
  ApiCallError,
  InvalidArgumentError,
  MissingPromptVariableError,
  PromptTemplate,
  RunnableLambda,
  RunnableRetry,
  StringOutputParser,
  TimeoutError,
  failedRunOf,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';

/** A lambda failing its first `failures` calls with `error`, then doubling its input. */
function flaky(failures: number, error: () => unknown = () => new Error('flaky')) {
  const state = { calls: 0 };
  const lambda = RunnableLambda.from(function flakyStep(x: number) {
    state.calls++;
    if (state.calls <= failures) throw error();
    return x * 2;
  });
  return { lambda, state };
}

const text = (chunks: readonly AIMessageChunk[]): string => chunks.map((c) => c.text).join('');

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const chunk of stream) seen.push(chunk);
  return seen;
}

describe('RunnableRetry', () => {
  describe('invoke', () => {
    it('should retry until an attempt succeeds', async () => {
      const { lambda, state } = flaky(2);
      expect(await lambda.withRetry({ stopAfterAttempt: 3 }).invoke(21)).toBe(42);
      expect(state.calls).toBe(3);
    });

    it('should give up after stopAfterAttempt attempts with the last error', async () => {
      let n = 0;
      const { lambda, state } = flaky(5, () => new Error(`failure ${++n}`));
      const error = await lambda
        .withRetry({ stopAfterAttempt: 3 })
        .invoke(1)
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('failure 3');
      expect(state.calls).toBe(3);
    });

    it('should try three times by default', async () => {
      const { lambda, state } = flaky(5);
      await expect(lambda.withRetry().invoke(1)).rejects.toThrow('flaky');
      expect(state.calls).toBe(3);
    });

    it('should not retry an error whose isRetryable is false (duck-typed, as HTTP errors carry it)', async () => {
      const { lambda, state } = flaky(5, () => Object.assign(new Error('400 Bad Request'), { isRetryable: false }));
      await expect(lambda.withRetry({ stopAfterAttempt: 5 }).invoke(1)).rejects.toThrow('400 Bad Request');
      expect(state.calls).toBe(1);
    });

    it('should retry an error whose isRetryable is true', async () => {
      const { lambda, state } = flaky(2, () => Object.assign(new Error('503'), { isRetryable: true }));
      expect(await lambda.withRetry({ stopAfterAttempt: 5 }).invoke(1)).toBe(2);
      expect(state.calls).toBe(3);
    });

    it('should honour the isRetryable of a real ApiCallError', async () => {
      const apiError = (status: number) =>
        new ApiCallError({
          url: 'http://x/v1/chat/completions',
          status,
          isRetryable: status >= 500,
          problem: `HTTP ${status}`,
        });
      const notFound = flaky(5, () => apiError(404));
      await expect(notFound.lambda.withRetry().invoke(1)).rejects.toMatchObject({ status: 404 });
      expect(notFound.state.calls).toBe(1);
      const unavailable = flaky(1, () => apiError(503));
      expect(await unavailable.lambda.withRetry().invoke(1)).toBe(2);
      expect(unavailable.state.calls).toBe(2);
    });

    it('should not retry rxchain errors that fail the same way every time', async () => {
      const prompt = PromptTemplate.fromTemplate('{topic}');
      let failures = 0;
      const error = await prompt
        .withRetry({ stopAfterAttempt: 4, onFailedAttempt: () => failures++ })
        .invoke({} as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingPromptVariableError);
      expect(failures).toBe(0);
    });

    it('should ask retryIf with the error and the attempt number', async () => {
      const asked: [string, number][] = [];
      const { lambda, state } = flaky(5);
      const retried = lambda.withRetry({
        stopAfterAttempt: 5,
        retryIf: (error, attempt) => {
          asked.push([(error as Error).message, attempt]);
          return attempt < 2;
        },
      });
      await expect(retried.invoke(1)).rejects.toThrow('flaky');
      expect(asked).toEqual([
        ['flaky', 1],
        ['flaky', 2],
      ]);
      expect(state.calls).toBe(2);
    });

    it('should call onFailedAttempt with the error, the input and the attempt number', async () => {
      const seen: [string, number, number][] = [];
      const { lambda } = flaky(2);
      await lambda
        .withRetry({
          onFailedAttempt: (error, input, attempt) => seen.push([(error as Error).message, input, attempt]),
        })
        .invoke(7);
      expect(seen).toEqual([
        ['flaky', 7, 1],
        ['flaky', 7, 2],
      ]);
    });

    it('should stop retrying with what onFailedAttempt throws', async () => {
      const { lambda, state } = flaky(5);
      const error = await lambda
        .withRetry({
          onFailedAttempt: () => {
            throw new Error('give up');
          },
        })
        .invoke(1)
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('give up');
      expect(state.calls).toBe(1);
    });

    it('should retry after chunks were produced, and return only the successful attempt output', async () => {
      const model = new ScriptedChatModel({ responses: ['one two three'], failAt: { token: 3, call: 0 } });
      const reply = await model.withRetry({ stopAfterAttempt: 2 }).invoke('hi');
      expect(reply.text).toBe('one two three');
      expect(model.calls).toHaveLength(2);
    });

    it('should retry only the failed inputs of a batch', async () => {
      const calls: number[] = [];
      const picky = RunnableLambda.from((x: number) => {
        calls.push(x);
        if (x === 2 && calls.filter((c) => c === 2).length === 1) throw new Error('once');
        return x * 10;
      });
      expect(await picky.withRetry().batch([1, 2, 3])).toEqual([10, 20, 30]);
      expect(calls.sort()).toEqual([1, 2, 2, 3]);
    });

    it('should keep retrying at any point through withConfig, under the bound run name', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 2, call: 0 } });
      const named = model.withRetry({ stopAfterAttempt: 2 }).withConfig({ runName: 'retried' });
      expect(named.getName()).toBe('retried');
      expect((await named.invoke('x')).text).toBe('a b c');
    });
  });

  describe('streaming', () => {
    it('should retry transparently when an attempt fails before its first chunk', async () => {
      const model = new ScriptedChatModel({ responses: ['Hello there'], failAt: { token: 1, call: 0 } });
      const chain = model.withRetry({ stopAfterAttempt: 2 }).pipe(new StringOutputParser());
      expect(await collect(await chain.stream('hi'))).toEqual(['Hello', ' there']);
      expect(model.calls).toHaveLength(2);
    });

    it('should fail, without a new attempt, when an attempt fails after delivering chunks', async () => {
      const model = new ScriptedChatModel({
        responses: ['one two three'],
        failAt: { token: 3, error: new Error('cut') },
      });
      const chain = model.withRetry({ stopAfterAttempt: 3 }).pipe(new StringOutputParser());
      const seen: string[] = [];
      const error = await (async () => {
        for await (const token of await chain.stream('hi')) seen.push(token);
      })().catch((e: unknown) => e);
      expect((error as Error).message).toBe('cut');
      expect(seen).toEqual(['one', ' two']);
      expect(model.calls).toHaveLength(1);
    });

    it('should restart after delivered chunks with afterFirstChunk "restart", and say so in a custom event', async () => {
      const model = new ScriptedChatModel({
        responses: ['one two three'],
        failAt: { token: 3, call: 0, error: new Error('cut') },
      });
      const retried = model.withRetry({ stopAfterAttempt: 2, afterFirstChunk: 'restart' });
      const events = await eventsOf(retried, 'hi');
      const chunks = events
        .filter((e) => e.event === 'on_chain_stream')
        .map((e) => (e.data.chunk as AIMessageChunk).text);
      expect(chunks).toEqual(['one', ' two', 'one', ' two', ' three']);
      const restart = events.find((e) => e.event === 'on_custom_event') as StreamEvent;
      expect(restart.name).toBe('stream_restart');
      expect(restart.run_id).toBe(events[0]?.run_id);
      expect(restart.data).toEqual({ attempt: 2, chunksDelivered: 2, error: new Error('cut') });
      // The restart is announced after the failed attempt's error and before the next start.
      const order = labels(events).filter((l) => /error|custom|start/.test(l));
      expect(order).toEqual([
        'on_chain_start:RunnableRetry',
        'on_chat_model_start:ScriptedChatModel',
        'on_chat_model_error:ScriptedChatModel',
        'on_custom_event:stream_restart',
        'on_chat_model_start:ScriptedChatModel',
      ]);
    });

    it('should report each attempt as a child run, tagging the second and later retry:attempt:N', async () => {
      const model = new ScriptedChatModel({
        responses: ['ok'],
        failAt: { token: 1, call: 0, error: new Error('boom') },
      });
      const events = await eventsOf(model.withRetry({ stopAfterAttempt: 3 }), 'hi');
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableRetry',
        'on_chat_model_start:ScriptedChatModel',
        'on_chat_model_error:ScriptedChatModel',
        'on_chat_model_start:ScriptedChatModel',
        'on_chat_model_stream:ScriptedChatModel',
        'on_chain_stream:RunnableRetry',
        'on_chat_model_end:ScriptedChatModel',
        'on_chain_end:RunnableRetry',
      ]);
      const root = events[0] as StreamEvent;
      const [first, second] = events.filter((e) => e.event === 'on_chat_model_start');
      expect(first?.parent_ids).toEqual([root.run_id]);
      expect(second?.parent_ids).toEqual([root.run_id]);
      expect(first?.run_id).not.toBe(second?.run_id);
      expect(first?.tags).toEqual([]);
      expect(second?.tags).toEqual(['retry:attempt:2']);
      expect(events[2]?.data.error).toEqual(new Error('boom'));
      expect((events[events.length - 1]?.data.output as AIMessageChunk).text).toBe('ok');
    });

    it('should surface the final error once, marked with the last attempt run', async () => {
      const model = new ScriptedChatModel({ responses: ['x'], failAt: { token: 1 } });
      const errors: unknown[] = [];
      model
        .withRetry({ stopAfterAttempt: 2, delay: 0 })
        .stream$('hi')
        .subscribe({ error: (e: unknown) => errors.push(e) });
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toHaveLength(1);
      expect(failedRunOf(errors[0])?.name).toBe('ScriptedChatModel');
      expect(model.calls).toHaveLength(2);
    });

    it('should replay its input to a new attempt without re-running upstream steps', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'] });
      let parserCalls = 0;
      const parser = RunnableLambda.fromOperator((input$: Observable<AIMessageChunk>) => {
        parserCalls++;
        return input$.pipe(
          map((chunk, index) => {
            if (parserCalls === 1 && index === 2) throw new Error('parser hiccup');
            return chunk.text;
          }),
        );
      });
      // The parser fails after passing two chunks on: by default that ends the run.
      const chain = model.pipe(parser.withRetry({ stopAfterAttempt: 2 }));
      const seen = await collect(await chain.stream('q')).catch((e: unknown) => e);
      expect((seen as Error).message).toBe('parser hiccup');
      parserCalls = 0;
      const restarting = model.pipe(parser.withRetry({ stopAfterAttempt: 2, afterFirstChunk: 'restart' }));
      expect(await collect(await restarting.stream('q'))).toEqual(['a', ' b', 'a', ' b', ' c']);
      expect(parserCalls).toBe(2);
      expect(model.calls).toHaveLength(2); // one per chain run: the retry never re-ran the model
    });

    it('should not retry when its input fails', async () => {
      let attempts = 0;
      const upstream = RunnableLambda.from((): string => {
        throw new Error('upstream broke');
      });
      const step = RunnableLambda.fromOperator((input$: Observable<string>) => {
        attempts++;
        return input$;
      });
      const chain = upstream.pipe(step.withRetry({ stopAfterAttempt: 5 }));
      await expect(chain.invoke('x')).rejects.toThrow('upstream broke');
      expect(attempts).toBe(1);
    });
  });

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

  describe('arguments', () => {
    it('should reject a stopAfterAttempt that is not a positive integer', () => {
      const step = RunnableLambda.from((x: number) => x);
      expect(() => step.withRetry({ stopAfterAttempt: 0 })).toThrow(InvalidArgumentError);
      expect(() => step.withRetry({ stopAfterAttempt: 1.5 })).toThrow(/positive integer/);
      expect(() => new RunnableRetry(step, { afterFirstChunk: 'again' as never })).toThrow(/"fail" or "restart"/);
    });

    it('should be a RunnableRetry reporting its bound runnable attempts', () => {
      const step = RunnableLambda.from((x: number) => x);
      const retry = step.withRetry({ stopAfterAttempt: 4 });
      expect(retry).toBeInstanceOf(RunnableRetry);
      expect((retry as RunnableRetry<number, number>).bound).toBe(step);
      expect((retry as RunnableRetry<number, number>).stopAfterAttempt).toBe(4);
      expect(retry.getName()).toBe('RunnableRetry');
    });
  });

  it('should aggregate its output as its bound runnable does', async () => {
    const model = new ScriptedChatModel({ responses: ['a b'] });
    const reply = await model.withRetry().invoke('x');
    expect(reply).toBeInstanceOf(AIMessageChunk);
    expect(text([reply])).toBe('a b');
  });
});
