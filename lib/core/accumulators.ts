import { concat, type Concat } from './concat.js';

/**
 * Collects a run's output chunks into their aggregate (what `invoke` returns, what the
 * `end` event and the run log report): `add` every chunk in order, then read `value()`
 * (`undefined` before the first `add`). Every runnable names the accumulator its chunks
 * go into with `Runnable.outputAccumulator()`; `aggregate$` is the one fold that uses it.
 *
 * @example
 * ```ts
 * import { concatAccumulator } from 'rxchain';
 *
 * const text = concatAccumulator<string>();
 * text.add('Hel');
 * text.add('lo');
 * console.log(text.value()); // => 'Hello'
 * ```
 */
export interface OutputAccumulator<T> {
  /** Adds the next chunk. */
  add(chunk: T): void;
  /** The aggregate of the chunks added so far; `undefined` before the first. */
  value(): T | undefined;
}

/** Makes a fresh accumulator: how the chunks of one run add up. */
export type AccumulatorFactory<T = unknown> = () => OutputAccumulator<T>;

/** A fresh accumulator from `factory`, or `concat`'s when there is none. */
export function accumulatorOrConcat(factory: AccumulatorFactory | undefined): OutputAccumulator<unknown> {
  return factory !== undefined ? factory() : concatAccumulator();
}

/**
 * An accumulator that folds with `fold`, pairwise, as chunks arrive.
 *
 * @param fold - adds a chunk to the aggregate so far.
 * @returns the accumulator.
 *
 * @example
 * ```ts
 * import { foldingAccumulator } from 'rxchain';
 *
 * const sum = foldingAccumulator((total: number, n: number) => total + n);
 * [1, 2, 3].forEach((n) => sum.add(n));
 * console.log(sum.value()); // => 6
 * ```
 */
export function foldingAccumulator<T>(fold: Concat<T>): OutputAccumulator<T> {
  let aggregate: T | undefined;
  let empty = true;
  return {
    add(chunk) {
      if (empty) {
        aggregate = chunk;
        empty = false;
      } else {
        aggregate = fold(aggregate as T, chunk);
      }
    },
    value: () => aggregate,
  };
}

/**
 * The default accumulator: what folding with `concat` gives, with strings (the chunks of
 * text parsers and of most chains) collected and joined once at the end instead of one
 * concatenation per chunk.
 *
 * @returns the accumulator.
 *
 * @example
 * ```ts
 * import { concatAccumulator } from 'rxchain';
 *
 * const merged = concatAccumulator<Record<string, string>>();
 * merged.add({ context: 'a' });
 * merged.add({ question: 'b' });
 * console.log(merged.value()); // => { context: 'a', question: 'b' }
 * ```
 */
export function concatAccumulator<T>(): OutputAccumulator<T> {
  let parts: string[] | undefined;
  let aggregate: unknown;
  let empty = true;
  return {
    add(chunk) {
      if (typeof chunk === 'string') {
        if (parts !== undefined) parts.push(chunk);
        // Not after a string (those are in `parts`): `concat` of anything else with a string is that string.
        else parts = [chunk];
      } else {
        if (parts !== undefined) {
          aggregate = parts.join('');
          parts = undefined;
        }
        aggregate = empty ? chunk : concat(aggregate, chunk);
      }
      empty = false;
    },
    value() {
      if (parts !== undefined) {
        aggregate = parts.join('');
        parts = [aggregate as string];
      }
      return aggregate as T | undefined;
    },
  };
}

/**
 * The accumulator of cumulative chunks (each chunk is the whole value so far, as a JSON
 * parser's partial objects are): the aggregate is the last chunk.
 *
 * @returns the accumulator.
 *
 * @example
 * ```ts
 * import { lastChunkAccumulator } from 'rxchain';
 *
 * const latest = lastChunkAccumulator<object>();
 * latest.add({ name: 'Fra' });
 * latest.add({ name: 'France' });
 * console.log(latest.value()); // => { name: 'France' }
 * ```
 */
export function lastChunkAccumulator<T>(): OutputAccumulator<T> {
  let last: T | undefined;
  return {
    add(chunk) {
      last = chunk;
    },
    value: () => last,
  };
}

/**
 * The accumulator of object chunks whose keys add up each in their own way (a map's
 * branches, an assign's computed keys): every key of a chunk goes into the accumulator
 * `forKey` makes for it on its first appearance; the aggregate has the keys in the order
 * they first came. A key whose accumulator has no value yet is left out.
 *
 * @param forKey - the accumulator for one key's values.
 * @returns the accumulator.
 *
 * @example
 * ```ts
 * import { concatAccumulator, keyedAccumulator, lastChunkAccumulator } from 'rxchain';
 *
 * const fields = keyedAccumulator((key) => (key === 'json' ? lastChunkAccumulator() : concatAccumulator()));
 * fields.add({ text: 'He', json: { a: 1 } });
 * fields.add({ text: 'llo', json: { a: 1, b: 2 } });
 * console.log(fields.value()); // => { text: 'Hello', json: { a: 1, b: 2 } }
 * ```
 */
export function keyedAccumulator(
  forKey: (key: string) => OutputAccumulator<unknown>,
): OutputAccumulator<Record<string, unknown>> {
  const byKey = new Map<string, OutputAccumulator<unknown>>();
  return {
    add(chunk) {
      for (const key of Object.keys(chunk)) {
        let accumulator = byKey.get(key);
        if (accumulator === undefined) {
          accumulator = forKey(key);
          byKey.set(key, accumulator);
        }
        accumulator.add(chunk[key]);
      }
    },
    value() {
      if (byKey.size === 0) return undefined;
      const merged: Record<string, unknown> = {};
      for (const [key, accumulator] of byKey) {
        const value = accumulator.value();
        // defineProperty, not assignment: a "__proto__" key must stay a key.
        if (value !== undefined)
          Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return merged;
    },
  };
}
