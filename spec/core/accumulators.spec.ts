import { lastValueFrom, of, throwError, concat as concatStreams, toArray } from 'rxjs';
import {
  AIMessageChunk,
  aggregate$,
  concatAccumulator,
  foldingAccumulator,
  keyedAccumulator,
  lastChunkAccumulator,
} from 'rxchain';

describe('accumulators', () => {
  it('should give undefined before the first chunk, whatever the kind', () => {
    for (const accumulator of [
      concatAccumulator(),
      lastChunkAccumulator(),
      foldingAccumulator((a: number, b: number) => a + b),
      keyedAccumulator(() => concatAccumulator()),
    ]) {
      expect(accumulator.value()).toBeUndefined();
    }
  });

  it('should join strings, merge objects and concatenate message chunks (concatAccumulator)', () => {
    const text = concatAccumulator<string>();
    ['a', 'b', 'c'].forEach((chunk) => text.add(chunk));
    expect(text.value()).toBe('abc');
    text.add('d');
    expect(text.value()).toBe('abcd');
    const messages = concatAccumulator<AIMessageChunk>();
    messages.add(new AIMessageChunk('Hel'));
    messages.add(new AIMessageChunk('lo'));
    expect(messages.value()?.content).toBe('Hello');
  });

  it('should keep the last chunk (lastChunkAccumulator)', () => {
    const latest = lastChunkAccumulator<object>();
    latest.add({ a: 1 });
    latest.add({ a: 1, b: 2 });
    expect(latest.value()).toEqual({ a: 1, b: 2 });
  });

  it('should add each key up with its own accumulator, and keep a "__proto__" key as a key', () => {
    const made: string[] = [];
    const fields = keyedAccumulator((key) => {
      made.push(key);
      return key === 'partial' ? lastChunkAccumulator() : concatAccumulator();
    });
    fields.add({ text: 'He', partial: { a: 1 } });
    fields.add({ text: 'llo' });
    fields.add({ partial: { a: 1, b: 2 }, ['__proto__']: 'x' } as Record<string, unknown>);
    const value = fields.value() as Record<string, unknown>;
    expect(value).toEqual(JSON.parse('{"text":"Hello","partial":{"a":1,"b":2},"__proto__":"x"}'));
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(made).toEqual(['text', 'partial', '__proto__']);
  });
});

describe('aggregate$', () => {
  it('should emit the aggregate once, when the chunks complete', async () => {
    expect(await lastValueFrom(aggregate$(of('a', 'b'), concatAccumulator<string>).pipe(toArray()))).toEqual(['ab']);
  });

  it('should emit undefined for a stream without chunks', async () => {
    expect(await lastValueFrom(aggregate$(of<string>(), concatAccumulator<string>).pipe(toArray()))).toEqual([
      undefined,
    ]);
  });

  it('should pass an error on and emit nothing', async () => {
    const failing$ = concatStreams(
      of('a'),
      throwError(() => new Error('cut')),
    );
    await expect(lastValueFrom(aggregate$(failing$, concatAccumulator<string>))).rejects.toThrow('cut');
  });

  it('should start a fresh accumulator for every subscription', async () => {
    const once$ = aggregate$(of('x'), concatAccumulator<string>);
    expect(await lastValueFrom(once$)).toBe('x');
    expect(await lastValueFrom(once$)).toBe('x');
  });
});
