import type { Observable } from 'rxjs';
import type { OutputAccumulator } from '../core/concat.js';
import { Runnable, type RunnableInput, type RunnableLike, type RunnableOutput } from '../core/Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import { coerceToRunnable } from './coerceToRunnable.js';

type FirstInput<T> = T extends readonly [infer F, ...unknown[]] ? RunnableInput<F> : unknown;

type LastOutput<T> = T extends readonly [...unknown[], infer L] ? RunnableOutput<L> : unknown;

/** Options for `RunnableSequence.from`. */
export interface RunnableSequenceOptions {
  /** The sequence's run name. */
  name?: string | undefined;
}

/**
 * Steps run one after another: each step's output chunks are the next step's input
 * chunks, composed with RxJS `pipe`. The sequence streams from its last non-streaming
 * step onward. Each step's run is tagged `seq:step:N` (1-based).
 *
 * @example
 * ```ts
 * import { RunnableSequence } from 'rxchain';
 *
 * const chain = RunnableSequence.from([(x: number) => x + 1, (x: number) => x * 2]);
 * console.log(await chain.invoke(1)); // => 4
 * ```
 */
export class RunnableSequence<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The steps, in order. */
  readonly steps: readonly Runnable[];

  /**
   * @param steps - at least one runnable.
   * @param options - the sequence's name.
   */
  constructor(steps: readonly Runnable[], options?: RunnableSequenceOptions) {
    super();
    this.steps = steps;
    if (options?.name !== undefined) this.name = options.name;
  }

  protected override get defaultName(): string {
    return 'RunnableSequence';
  }

  /**
   * Makes a sequence from steps; functions and objects are coerced.
   *
   * @param steps - the steps, first to last.
   * @param options - a name, or `{ name }`.
   * @returns the sequence.
   */
  static from<const T extends readonly [RunnableLike, ...RunnableLike[]]>(
    steps: T,
    options?: string | RunnableSequenceOptions,
  ): RunnableSequence<FirstInput<T>, LastOutput<T>> {
    const opts = typeof options === 'string' ? { name: options } : options;
    return new RunnableSequence<FirstInput<T>, LastOutput<T>>(
      steps.map((step) => coerceToRunnable(step as RunnableLike)),
      opts,
    );
  }

  override concatOutput(aggregate: O, chunk: O): O {
    const last = this.steps[this.steps.length - 1] as Runnable<unknown, O>;
    return last.concatOutput(aggregate, chunk);
  }

  override accumulateOutput(): OutputAccumulator<O> {
    return (this.steps[this.steps.length - 1] as Runnable<unknown, O>).accumulateOutput();
  }

  /** Appends a step, flattening into one sequence. */
  override pipe<Next extends RunnableLike<O>>(next: Next): Runnable<I, RunnableOutput<Next>> {
    const options = this.name !== undefined ? { name: this.name } : undefined;
    return new RunnableSequence<I, RunnableOutput<Next>>(
      [...this.steps, ...flatten(coerceToRunnable(next as RunnableLike))],
      options,
    );
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    let stream$: Observable<unknown> = input$;
    let inputAccumulator: (() => OutputAccumulator<unknown>) | undefined = run.inputAccumulator;
    this.steps.forEach((step, index) => {
      stream$ = step._run(stream$, { parent: run, positionTag: `seq:step:${index + 1}`, inputAccumulator });
      inputAccumulator = () => step.accumulateOutput();
    });
    return stream$ as Observable<O>;
  }
}

function flatten(step: Runnable): readonly Runnable[] {
  return step instanceof RunnableSequence && step.name === undefined ? step.steps : [step];
}

/** Builds `first.pipe(...rest)` as one flat sequence (the composition table's `sequence`). */
export function sequenceOf(first: Runnable, rest: readonly RunnableLike[]): Runnable {
  return new RunnableSequence([...flatten(first), ...rest.flatMap((step) => flatten(coerceToRunnable(step)))]);
}
