import {
  AIMessageChunk,
  ApiCallError,
  InvalidArgumentError,
  MissingPromptVariableError,
  PromptTemplate,
  RunnableLambda,
  RunnableRetry,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { flaky, text } from './RunnableRetry.helpers';

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
