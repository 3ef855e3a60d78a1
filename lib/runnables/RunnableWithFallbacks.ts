import { map, type Observable } from 'rxjs';
import { concatAccumulator, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import type { FallbacksOptions } from './FallbacksOptions.js';
import { traced, type InputMode, type TraceOptions, type ChunkReporting } from '../core/lifecycle.js';
import { Runnable } from './Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { unknownOptionError } from '../errors/internal/unknownOption.js';
import { runAttempts } from './internal/attempts.js';

/**
 * A runnable that tries a list of runnables in order, on the same input, until one
 * succeeds (made by `withFallbacks`). Each try is a child run (no position tag); a
 * failed one reports its `on_*_error` event before the next one starts, and the output
 * (chunks, `end` event, `invoke` result) is the successful runnable's own. A runnable
 * that fails after passing chunks on ends the run (no chunk is delivered twice), except
 * under `invoke` and `batch` on this runnable itself, whose caller sees only the final
 * output. If every runnable fails, the run fails with the first error.
 *
 * With `exceptionKey`, the input must be an object, and each fallback receives it with
 * the previous error added under that key.
 *
 * @example
 * ```ts
 * import { RunnableWithFallbacks, StringOutputParser } from 'rxchain';
 * import { ScriptedChatModel } from 'rxchain/testing';
 *
 * const primary = new ScriptedChatModel({ responses: ['unused'], failAt: { token: 1 } });
 * const backup = new ScriptedChatModel({ responses: ['Backup answer'] });
 * const chain = new RunnableWithFallbacks(primary, { fallbacks: [backup] }).pipe(new StringOutputParser());
 * console.log(await chain.invoke('Hi')); // => 'Backup answer'
 * ```
 */
export class RunnableWithFallbacks<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The runnable tried first. */
  readonly runnable: Runnable<I, O>;
  /** The runnables tried next, in order. */
  readonly fallbacks: readonly Runnable<I, O>[];
  /** The input key that carries the previous error to a fallback, if any. */
  readonly exceptionKey: string | undefined;

  /**
   * @param runnable - the runnable tried first.
   * @param options - the fallbacks and an optional `exceptionKey`.
   * @throws InvalidArgumentError when a fallback is not a runnable, or for an unknown option key.
   */
  constructor(runnable: Runnable<I, O>, options: FallbacksOptions<I, O>) {
    super();
    const fallbacks = (options as Partial<FallbacksOptions<I, O>>).fallbacks;
    if (!Array.isArray(fallbacks) || !fallbacks.every((fallback) => fallback instanceof Runnable)) {
      throw new InvalidArgumentError(
        'fallbacks',
        'withFallbacks() takes an array of runnables, or { fallbacks: [...] }; wrap functions with RunnableLambda.from().',
      );
    }
    const unknown = unknownOptionError('withFallbacks()', options, ['fallbacks', 'exceptionKey']);
    if (unknown !== undefined) throw unknown;
    this.runnable = runnable;
    this.fallbacks = [...(fallbacks as readonly Runnable<I, O>[])];
    this.exceptionKey = options.exceptionKey;
  }

  /** Every runnable tried, first to last. */
  get runnables(): readonly Runnable<I, O>[] {
    return [this.runnable, ...this.fallbacks];
  }

  /** The succeeding attempt's chunks: reported by this run only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  protected override get defaultName(): string {
    return 'RunnableWithFallbacks';
  }

  override get inputMode(): InputMode {
    // The error is added to the whole input, so with an exceptionKey the input is whole.
    return this.exceptionKey !== undefined ? 'whole' : this.runnable.inputMode;
  }

  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.runnable.outputAccumulator(upstream);
  }

  override _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return traced<I, O>(this, (source$, run) => this.#attempts(source$, run, true), input$, origin);
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return this.#attempts(input$, run, false);
  }

  #attempts(input$: Observable<I>, run: RunContext, whole: boolean): Observable<O> {
    const runnables = this.runnables;
    const key = this.exceptionKey;
    const checked$ = key === undefined ? input$ : input$.pipe(map((input) => objectInput(input, key)));
    let firstError: unknown;
    return runAttempts<I, O>(checked$, {
      whole,
      inputAccumulator: run.inputAccumulator ?? concatAccumulator,
      start: (attempt, replayed$, previous) => {
        const runnable = runnables[attempt - 1] as Runnable<I, O>;
        const attemptInput$ =
          key === undefined || attempt === 1
            ? replayed$
            : replayed$.pipe(map((input) => ({ ...input, [key]: previous })));
        const origin = { parent: run, inputAccumulator: run.inputAccumulator };
        return whole ? runnable._runWhole(attemptInput$, origin) : runnable._run(attemptInput$, origin);
      },
      decide: ({ attempt, error, delivered }) => {
        if (attempt === 1) firstError = error;
        // Chunks already passed on cannot be taken back: that failure is the run's.
        if (delivered > 0) return { fail: error };
        if (attempt >= runnables.length) return { fail: firstError };
        return { retryAfter: 0 };
      },
    });
  }
}

function objectInput<I>(input: I, key: string): I {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidArgumentError(
      'input',
      `withFallbacks({ exceptionKey: "${key}" }) needs an object input to add the error to, got ` +
        `${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}. ` +
        'Wrap the value in an object first, e.g. (x) => ({ question: x }).',
    );
  }
  return input;
}
