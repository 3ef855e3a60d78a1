import {
  InvalidArgumentError,
  RunnableLambda,
  RunnableSequence,
  type Runnable,
  type StreamEvent,
  type StreamEventsOptions,
} from 'rxchain';

const echo = RunnableLambda.from((x: string) => x);

/** A runnable from another library: it has invoke and pipe, but is no rxchain Runnable. */
class ForeignRunnable {
  lc_serializable = true;
  invoke(input: string): Promise<string> {
    return Promise.resolve(input);
  }
}

async function firstReadError(stream: AsyncIterator<unknown>): Promise<unknown> {
  return stream.next().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('helpful errors', () => {
  describe('streamEvents', () => {
    it('should fail, at the first read, with an InvalidArgumentError saying version "v2" is required when called with no options', async () => {
      const untyped = echo as unknown as { streamEvents(input: string): AsyncIterator<StreamEvent> };
      const error = await firstReadError(untyped.streamEvents('x'));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('version');
      expect((error as Error).message).toMatch(/requires .*version.*\{ version: "v2" \}/);
    });

    it('should fail with the same error for options without a version', async () => {
      const error = await firstReadError(echo.streamEvents('x', { tags: ['a'] } as never));
      expect((error as Error).message).toMatch(/requires .*\{ version: "v2" \}/);
    });

    it('should name an unknown option key and list the valid ones', async () => {
      const error = await firstReadError(echo.streamEvents('x', { version: 'v2', runname: 'x' } as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('runname');
      expect((error as Error).message).toMatch(/streamEvents\(\) has no option "runname".*Valid options: .*runName/);
    });

    it('should say filters are the third argument when a filter is passed as an option', async () => {
      const error = await firstReadError(echo.streamEvents('x', { version: 'v2', includeNames: ['a'] } as never));
      expect((error as Error).message).toMatch(/third argument/);
    });

    it('should accept every config key and the filters as the third argument', async () => {
      const events: StreamEvent[] = [];
      const options: StreamEventsOptions = {
        version: 'v2',
        runName: 'e',
        tags: ['t'],
        metadata: {},
        recursionLimit: 5,
      };
      for await (const event of echo.streamEvents('x', options, { includeNames: ['e'] })) events.push(event);
      expect(events.map((e) => e.event)).toEqual(['on_chain_start', 'on_chain_stream', 'on_chain_end']);
    });
  });

  describe('withRetry and withFallbacks', () => {
    it('should reject an unknown withRetry option, pointing LangChain names to stopAfterAttempt', () => {
      expect(() => echo.withRetry({ maxAttemptNumber: 2 } as never)).toThrow(
        /withRetry\(\) has no option "maxAttemptNumber"\. Attempts in all are stopAfterAttempt\./,
      );
      expect(() => echo.withRetry({ stopAfterAttempt: 2, delays: 5 } as never)).toThrow(InvalidArgumentError);
    });

    it('should reject an unknown withFallbacks option', () => {
      expect(() => echo.withFallbacks({ fallbacks: [echo], exceptionkey: 'e' } as never)).toThrow(
        /withFallbacks\(\) has no option "exceptionkey".*Valid options: fallbacks, exceptionKey/,
      );
      expect(() => echo.withFallbacks({ fallbacks: [echo], exceptionKey: 'e' })).not.toThrow();
    });
  });

  describe('a foreign object piped into a chain', () => {
    const foreign = new ForeignRunnable() as unknown as Runnable<string, string>;

    it('should say it is not an rxchain runnable and how to wrap it', () => {
      let error: unknown;
      try {
        echo.pipe(foreign);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      const message = (error as Error).message;
      expect(message).toMatch(/got a ForeignRunnable that is not an rxchain runnable/);
      expect(message).toMatch(/RunnableLambda\.from\(\(input\) => other\.invoke\(input\)\)/);
      expect(message).not.toMatch(/boolean/);
    });

    it('should say the same in RunnableSequence.from', () => {
      expect(() => RunnableSequence.from([echo, foreign])).toThrow(/not an rxchain runnable/);
    });

    it('should still take a plain object of steps as a map', async () => {
      await expect(echo.pipe({ a: echo, b: (x: string) => x.length }).invoke('hey')).resolves.toEqual({
        a: 'hey',
        b: 3,
      });
    });
  });
});
