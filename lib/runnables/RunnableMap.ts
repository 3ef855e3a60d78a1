import { map, merge, type Observable } from 'rxjs';
import {
  accumulatorOrConcat,
  keyedAccumulator,
  type AccumulatorFactory,
  type OutputAccumulator,
} from '../core/accumulators.js';
import type { RunContext } from '../core/RunContext.js';
import { composition } from './internal/composition.js';
import { fanOut } from './internal/fanOut.js';
import { Runnable } from './Runnable.js';
import type { MapInput, RunnableLike, RunnableOutput } from './RunnableLike.js';

type MapOutput<T> = { -readonly [K in keyof T]: RunnableOutput<T[K]> };

/**
 * Runs several branches on one shared input, in parallel, and emits each branch's chunks
 * as `{ [key]: chunk }` pieces as they arrive; the pieces `concat` into the whole object.
 * Each branch's run is tagged `map:key:<key>`. An object literal in a sequence becomes one.
 * With `maxConcurrency` in the config, at most that many branches run at once; the others
 * start as earlier ones finish (and replay the input they missed).
 *
 * Stream chunks are partial objects (one key each); `invoke` returns the full object.
 *
 * @example
 * ```ts
 * import { RunnableMap } from 'rxchain';
 *
 * const both = RunnableMap.from({ double: (x: number) => x * 2, square: (x: number) => x * x });
 * console.log(await both.invoke(3)); // => { double: 6, square: 9 }
 * ```
 */
export class RunnableMap<I = unknown, O extends Record<string, unknown> = Record<string, unknown>> extends Runnable<
  I,
  O
> {
  /** The branches, by output key. */
  readonly steps: Readonly<Record<string, Runnable<I, unknown>>>;

  /**
   * @param steps - the branches, by output key.
   */
  constructor(steps: Readonly<Record<string, Runnable<I, unknown>>>) {
    super();
    this.steps = steps;
  }

  protected override get defaultName(): string {
    return 'RunnableMap';
  }

  /**
   * Makes a map from an object of steps; functions and objects are coerced.
   *
   * @param steps - the branches, by output key.
   * @returns the map.
   */
  static from<const T extends Readonly<Record<string, RunnableLike>>>(steps: {
    readonly [K in keyof T]: T[K];
  }): RunnableMap<MapInput<T>, MapOutput<T>> {
    return new RunnableMap<MapInput<T>, MapOutput<T>>(mapOfSteps(steps));
  }

  /** Each key adds up as its branch's output does (every branch sees the map's input). */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return keyedAccumulator((key) => {
      const branch = Object.prototype.hasOwnProperty.call(this.steps, key) ? this.steps[key] : undefined;
      return branch !== undefined ? branch.outputAccumulator(upstream) : accumulatorOrConcat(upstream);
    }) as OutputAccumulator<O>;
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    const entries = Object.entries(this.steps);
    const limit = run.maxConcurrency ?? Infinity;
    // Branches that start late (a concurrency limit) must still see the whole input.
    return fanOut(input$, entries.length, limit < entries.length, (inputs) =>
      merge(
        ...entries.map(([key, branch], index) =>
          branch
            ._run(inputs[index] as Observable<I>, {
              parent: run,
              positionTag: `map:key:${key}`,
              inputAccumulator: run.inputAccumulator,
              startAtSubscribe: true,
            })
            .pipe(map((chunk) => ({ [key]: chunk }) as unknown as O)),
        ),
        limit,
      ),
    );
  }
}

/** Coerces each value of an object of steps (functions become lambdas, objects maps). */
export function mapOfSteps(steps: Readonly<Record<string, RunnableLike>>): Record<string, Runnable> {
  const runnables: Record<string, Runnable> = {};
  for (const [key, step] of Object.entries(steps)) runnables[key] = composition().coerce(step) as Runnable;
  return runnables;
}
