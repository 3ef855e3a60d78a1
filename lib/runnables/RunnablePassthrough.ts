import { concat as concatWith, defer, EMPTY, from, ignoreElements, type Observable, tap } from 'rxjs';
import { accumulatorOrConcat, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { inUserScope } from '../core/internal/userScope.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import { Runnable } from './Runnable.js';
import { RunnableAssign } from './RunnableAssign.js';
import type { MapInput, RunnableLike, RunnableOutput } from './RunnableLike.js';
import { mapOfSteps, RunnableMap } from './RunnableMap.js';
import { isPromiseLike } from '../core/internal/isPromiseLike.js';

/** Options of a `RunnablePassthrough`. */
export interface RunnablePassthroughOptions<T> {
  /**
   * Called with the whole input (the aggregate of its chunks) and the run's config once the
   * input has passed through; the run ends when its Promise settles, and fails if it throws.
   */
  readonly func?: ((input: T, config: RunnableConfig) => unknown) | undefined;
}

/** The input of `assign`: what every computed key's step accepts (an object). */
type AssignInput<T> = MapInput<T> extends Record<string, unknown> ? MapInput<T> : Record<string, unknown>;

/**
 * Passes its input through unchanged, chunk by chunk. In a map it forwards the input
 * beside computed keys: `{ context: retriever, question: new RunnablePassthrough() }`.
 * With `{ func }`, calls `func` on the whole input after the last chunk passed (a side
 * effect such as logging or storing; its result is ignored).
 *
 * @example
 * ```ts
 * import { RunnablePassthrough } from 'rxchain';
 *
 * console.log(await new RunnablePassthrough<string>().invoke('same')); // => 'same'
 * ```
 */
export class RunnablePassthrough<T = unknown> extends Runnable<T, T> {
  /** The side effect called with the whole input, if any. */
  readonly func: ((input: T, config: RunnableConfig) => unknown) | undefined;

  /**
   * @param options - `func`, a side effect on the whole input.
   *
   * @example
   * ```ts
   * import { RunnablePassthrough } from 'rxchain';
   *
   * const seen: string[] = [];
   * const logged = new RunnablePassthrough<string>({ func: (input) => void seen.push(input) });
   * console.log(await logged.invoke('hello'), seen); // => 'hello', ['hello']
   * ```
   */
  constructor(options?: RunnablePassthroughOptions<T>) {
    super();
    this.func = options?.func;
  }

  protected override get defaultName(): string {
    return 'RunnablePassthrough';
  }

  /**
   * Keeps the input object's keys and adds keys computed from it, in parallel.
   *
   * @param mapping - the keys to add, each a step over the whole input.
   * @returns a `RunnableAssign`.
   *
   * @example
   * ```ts
   * import { RunnablePassthrough } from 'rxchain';
   *
   * const withLength = RunnablePassthrough.assign({ length: (x: { text: string }) => x.text.length });
   * console.log(await withLength.invoke({ text: 'four' })); // => { text: 'four', length: 4 }
   * ```
   */
  static assign<const T extends Readonly<Record<string, RunnableLike<never>>>>(
    mapping: T,
  ): RunnableAssign<AssignInput<T>, AssignInput<T> & { -readonly [K in keyof T]: RunnableOutput<T[K]> }> {
    const mapper = new RunnableMap(mapOfSteps(mapping));
    return new RunnableAssign(mapper);
  }

  /** Its output is its input: it adds up as the input does. */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<T> {
    return accumulatorOrConcat(upstream) as OutputAccumulator<T>;
  }

  protected _step(input$: Observable<T>, run: RunContext): Observable<T> {
    const func = this.func;
    if (func === undefined) return input$;
    return inUserScope(run, ({ config, enter }) =>
      defer(() => {
        const total = this.outputAccumulator(run.inputAccumulator);
        let empty = true;
        const after$ = defer(() => {
          if (empty) return EMPTY;
          const result = enter(() => func(total.value() as T, config));
          return isPromiseLike(result) ? from(result).pipe(ignoreElements()) : EMPTY;
        });
        const passed$ = input$.pipe(
          tap((chunk) => {
            empty = false;
            total.add(chunk);
          }),
        );
        return concatWith(passed$, after$);
      }),
    );
  }
}
