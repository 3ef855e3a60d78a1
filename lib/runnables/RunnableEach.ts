import { from, map, mergeMap, type Observable, of, toArray } from 'rxjs';
import { aggregate$ } from '../core/aggregate.js';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { coerceToRunnable } from './coerceToRunnable.js';
import { Runnable } from './Runnable.js';
import type { RunnableLike } from './RunnableLike.js';

/**
 * Runs one runnable on every element of an array input and outputs the array of results,
 * in input order. Each element is a child run of the `RunnableEach` run (at most
 * `maxConcurrency` at a time when the config sets it); the output is one chunk, the array.
 *
 * @typeParam I - the element input type.
 * @typeParam O - the element output type.
 *
 * @example
 * ```ts
 * import { RunnableEach } from 'rxchain';
 *
 * const lengths = new RunnableEach({ bound: (word: string) => word.length });
 * console.log(await lengths.invoke(['a', 'bb', 'ccc'])); // => [1, 2, 3]
 * ```
 */
export class RunnableEach<I = unknown, O = unknown> extends Runnable<I[], O[]> {
  /** The runnable run on each element. */
  readonly bound: Runnable<I, O>;

  /**
   * @param fields - `bound`: the runnable (or function, or object of steps) to run on each element.
   */
  constructor(fields: { readonly bound: Runnable<I, O> | RunnableLike<I, O> }) {
    super();
    this.bound = coerceToRunnable(fields.bound) as Runnable<I, O>;
  }

  /** One output, the list: reported as the run's output only by a root run. */
  override get chunkReporting(): ChunkReporting {
    return 'rootOutput';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'RunnableEach';
  }

  protected _step(input$: Observable<I[]>, run: RunContext): Observable<O[]> {
    const bound = this.bound;
    return input$.pipe(
      mergeMap((inputs) => {
        if (!Array.isArray(inputs)) {
          throw new InvalidArgumentError(
            'input',
            `RunnableEach needs an array input, got ${inputs === null ? 'null' : typeof inputs}. ` +
              'Wrap a single value in an array: [value].',
          );
        }
        if (inputs.length === 0) return of([] as O[]);
        return from(inputs.map((value, index) => [value, index] as const)).pipe(
          mergeMap(
            ([value, index]) =>
              aggregate$(bound._runWhole(of(value), { parent: run, knownInput: { value } }), () =>
                bound.outputAccumulator(),
              ).pipe(map((output) => [index, output as O] as const)),
            run.maxConcurrency ?? Infinity,
          ),
          toArray(),
          map((results) => {
            const outputs = new Array<O>(inputs.length);
            for (const [index, output] of results) outputs[index] = output;
            return outputs;
          }),
        );
      }),
    );
  }
}
