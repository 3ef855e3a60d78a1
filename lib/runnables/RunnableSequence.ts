import type { Observable } from 'rxjs';
import type { ChunkReporting } from '../core/lifecycle.js';
import type { AccumulatorFactory, OutputAccumulator } from '../core/accumulators.js';
import { Runnable } from './Runnable.js';
import type { RunnableInput, RunnableLike, RunnableOutput } from './RunnableLike.js';
import type { RunContext } from '../core/RunContext.js';
import { coerceToRunnable } from './coerceToRunnable.js';

type FirstInput<T> = T extends readonly [infer F, ...unknown[]] ? RunnableInput<F> : unknown;

type LastOutput<T> = T extends readonly [...unknown[], infer L] ? RunnableOutput<L> : unknown;

/** Options for `RunnableSequence.from`. */
export interface RunnableSequenceOptions {
  /** The sequence's run name. */
  name?: string | undefined;
  /** Leave the steps' runs without their `seq:step:N` tags. @default false */
  omitSequenceTags?: boolean | undefined;
}

/**
 * Steps run one after another: each step's output chunks are the next step's input
 * chunks, composed with RxJS `pipe`. The sequence streams from its last non-streaming
 * step onward. Each step's run is tagged `seq:step:N` (1-based), unless `omitSequenceTags`
 * is set. A step that transforms a stream (a parser) starts at its first input chunk, and a
 * model reports a token after the steps downstream have handled it, so a parser's start and
 * its first chunk come before the model's first token event, as in LangChain.
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
  /** Whether the steps' runs go without their `seq:step:N` tags. */
  readonly omitSequenceTags: boolean;
  #rootFactories: readonly AccumulatorFactory[] | undefined;

  /**
   * @param steps - at least one runnable.
   * @param options - the sequence's name, and `omitSequenceTags`.
   */
  constructor(steps: readonly Runnable[], options?: RunnableSequenceOptions) {
    super();
    this.steps = steps;
    this.omitSequenceTags = options?.omitSequenceTags === true;
    if (options?.name !== undefined) this.name = options.name;
  }

  /** A sequence's chunks are its last step's: only a sequence that is listened to reports them. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  protected override get defaultName(): string {
    return 'RunnableSequence';
  }

  /**
   * Makes a sequence from steps; functions and objects are coerced.
   *
   * @param steps - the steps, first to last.
   * @param options - a name, or `{ name, omitSequenceTags }`.
   * @returns the sequence.
   */
  static from<const T extends readonly [RunnableLike, ...RunnableLike[]]>(
    steps: readonly [...T],
    options?: string | RunnableSequenceOptions,
  ): RunnableSequence<FirstInput<T>, LastOutput<T>> {
    const opts = typeof options === 'string' ? { name: options } : options;
    return new RunnableSequence<FirstInput<T>, LastOutput<T>>(
      steps.map((step) => coerceToRunnable(step)),
      opts,
    );
  }

  /** The last step's accumulator, each step's upstream being the step before it. */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    let accumulator = upstream;
    for (const step of this.steps.slice(0, -1)) accumulator = chained(step, accumulator);
    return (this.steps[this.steps.length - 1] as Runnable<unknown, O>).outputAccumulator(accumulator);
  }

  /** Appends a step, flattening into one sequence. */
  override pipe<Next extends RunnableLike<O>>(next: Next): Runnable<I, RunnableOutput<Next>> {
    const options = { name: this.name, omitSequenceTags: this.omitSequenceTags };
    return new RunnableSequence<I, RunnableOutput<Next>>([...this.steps, ...flatten(coerceToRunnable(next))], options);
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    let stream$: Observable<unknown> = input$;
    let inputAccumulator: AccumulatorFactory | undefined = run.inputAccumulator;
    // A run with no upstream accumulator (a root run) chains the same factories every time.
    const shared = inputAccumulator === undefined ? this.#rootAccumulators() : undefined;
    const steps = this.steps;
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index] as Runnable;
      const positionTag = this.omitSequenceTags ? undefined : stepTag(index);
      stream$ = step._run(stream$, { parent: run, positionTag, inputAccumulator });
      // The last step's output accumulator is never asked for by a later step.
      if (index < steps.length - 1) inputAccumulator = shared?.[index] ?? chained(step, inputAccumulator);
    }
    return stream$ as Observable<O>;
  }

  /** What each step's output adds up with when the sequence has no upstream: made once. */
  #rootAccumulators(): readonly AccumulatorFactory[] {
    if (this.#rootFactories === undefined) {
      const factories: AccumulatorFactory[] = [];
      let upstream: AccumulatorFactory | undefined;
      for (const step of this.steps) factories.push((upstream = chained(step, upstream)));
      this.#rootFactories = factories;
    }
    return this.#rootFactories;
  }
}

const STEP_TAGS: string[] = [];

/** The position tag of the step at `index` (`seq:step:1` for the first), made once per index. */
function stepTag(index: number): string {
  return (STEP_TAGS[index] ??= `seq:step:${index + 1}`);
}

/** How `step`'s output adds up, given how its input does. */
function chained(step: Runnable, upstream: AccumulatorFactory | undefined): AccumulatorFactory {
  return () => step.outputAccumulator(upstream);
}

function flatten(step: Runnable): readonly Runnable[] {
  return step instanceof RunnableSequence && step.name === undefined && !step.omitSequenceTags ? step.steps : [step];
}

/** Builds `first.pipe(...rest)` as one flat sequence (the composition table's `sequence`). */
export function sequenceOf(first: Runnable, rest: readonly RunnableLike[]): Runnable {
  return new RunnableSequence([...flatten(first), ...rest.flatMap((step) => flatten(coerceToRunnable(step)))]);
}
