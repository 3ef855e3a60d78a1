import { mergeMap, type Observable } from 'rxjs';
import { accumulatorOrConcat, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Runnable } from './Runnable.js';

/**
 * Picks keys out of object chunks, as they stream. With one key, each chunk becomes that
 * key's value (chunks without it are dropped); with an array of keys, each chunk becomes an
 * object of those keys it holds (chunks holding none are dropped). Made by `.pick()`.
 *
 * @typeParam I - the input object type.
 * @typeParam O - the picked value (one key) or object (several keys).
 *
 * @example
 * ```ts
 * import { RunnableMap, RunnablePick } from 'rxchain';
 *
 * const map = RunnableMap.from({ a: (x: number) => x + 1, b: (x: number) => x * 2 });
 * console.log(await map.pipe(new RunnablePick('a')).invoke(3)); // => 4
 * console.log(await map.pick(['b']).invoke(3)); // => { b: 6 }
 * ```
 */
export class RunnablePick<I = Record<string, unknown>, O = unknown> extends Runnable<I, O> {
  /** The key or keys picked. */
  readonly keys: string | readonly string[];

  /**
   * @param keys - one key (the output is its value) or an array of keys (the output is an object).
   */
  constructor(keys: string | readonly string[]) {
    super();
    this.keys = typeof keys === 'string' ? keys : [...keys];
  }

  protected override get defaultName(): string {
    return 'RunnablePick';
  }

  /** The picked values add up as they do in the input: through the upstream accumulator. */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    const keys = this.keys;
    const inner = accumulatorOrConcat(upstream);
    if (typeof keys !== 'string') return inner as OutputAccumulator<O>;
    let empty = true;
    return {
      add(chunk) {
        empty = false;
        inner.add({ [keys]: chunk });
      },
      value() {
        if (empty) return undefined;
        return (inner.value() as Record<string, unknown> | undefined)?.[keys] as O | undefined;
      },
    };
  }

  protected _step(input$: Observable<I>, _run: RunContext): Observable<O> {
    const keys = this.keys;
    return input$.pipe(
      mergeMap((chunk): O[] => {
        if (chunk === null || typeof chunk !== 'object' || Array.isArray(chunk)) {
          throw new InvalidArgumentError(
            'input',
            `RunnablePick needs object chunks to pick ${JSON.stringify(keys)} from, got ` +
              `${chunk === null ? 'null' : Array.isArray(chunk) ? 'an array' : typeof chunk}. ` +
              'Put it after a step that outputs an object, such as a RunnableMap.',
          );
        }
        const record = chunk as Record<string, unknown>;
        const has = (key: string): boolean =>
          Object.prototype.hasOwnProperty.call(record, key) && record[key] !== undefined;
        if (typeof keys === 'string') return has(keys) ? [record[keys] as O] : [];
        const picked = keys.filter(has);
        return picked.length > 0 ? [Object.fromEntries(picked.map((key) => [key, record[key]])) as O] : [];
      }),
    );
  }
}
