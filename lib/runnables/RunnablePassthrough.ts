import type { Observable } from 'rxjs';
import { accumulatorOrConcat, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import type { RunContext } from '../core/RunContext.js';
import { Runnable } from './Runnable.js';
import { RunnableAssign } from './RunnableAssign.js';
import type { RunnableLike, RunnableOutput } from './RunnableLike.js';
import { mapOfSteps, RunnableMap } from './RunnableMap.js';

/**
 * Passes its input through unchanged, chunk by chunk. In a map it forwards the input
 * beside computed keys: `{ context: retriever, question: new RunnablePassthrough() }`.
 *
 * @example
 * ```ts
 * import { RunnablePassthrough } from 'rxchain';
 *
 * console.log(await new RunnablePassthrough<string>().invoke('same')); // => 'same'
 * ```
 */
export class RunnablePassthrough<T = unknown> extends Runnable<T, T> {
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
  static assign<I extends Record<string, unknown>, const T extends Readonly<Record<string, RunnableLike<I>>>>(
    mapping: T,
  ): RunnableAssign<I, I & { -readonly [K in keyof T]: RunnableOutput<T[K]> }> {
    const mapper = new RunnableMap(mapOfSteps(mapping));
    return new RunnableAssign(mapper);
  }

  /** Its output is its input: it adds up as the input does. */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<T> {
    return accumulatorOrConcat(upstream) as OutputAccumulator<T>;
  }

  protected _step(input$: Observable<T>, _run: RunContext): Observable<T> {
    return input$;
  }
}
