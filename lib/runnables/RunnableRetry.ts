import type { Observable } from 'rxjs';
import { concatAccumulator, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { recordRestart, traced, type InputMode, type TraceOptions, type ChunkReporting } from '../core/lifecycle.js';
import type { RetryOptions } from './RetryOptions.js';
import { Runnable } from './Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { unknownOptionError } from '../errors/internal/unknownOption.js';
import { isRetryableError } from '../errors/isRetryableError.js';
import { toError } from '../errors/toError.js';
import { backoffDelayMs, cryptoRandom, retryAfterMsOf, type Backoff } from './internal/backoff.js';
import type { BackoffOptions } from './RetryOptions.js';
import { runAttempts, type AttemptDecision, type AttemptFailure } from './internal/attempts.js';
import { retryInRounds } from './internal/retryRounds.js';
import type { BatchOptions, RunnableConfig } from '../core/RunnableConfig.js';

const RETRY_OPTION_KEYS: readonly string[] = [
  'stopAfterAttempt',
  'retryIf',
  'delay',
  'scheduler',
  'onFailedAttempt',
  'afterFirstChunk',
  'backoff',
];

const RETRY_OPTION_HINTS: Readonly<Record<string, string>> = {
  maxAttemptNumber: 'Attempts in all are stopAfterAttempt.',
  maxAttempts: 'Attempts in all are stopAfterAttempt.',
  retries: 'Attempts in all (the first included) are stopAfterAttempt.',
};

/**
 * A runnable that retries its bound runnable when an attempt fails (made by
 * `withRetry`). One run of the retry wraps the attempts, which are its children; the
 * second and later carry the tag `retry:attempt:N`. Every failed attempt reports its own
 * `on_*_error` event before the next attempt starts.
 *
 * Streaming: an attempt that fails before its first chunk is retried transparently; one
 * that fails after passing chunks on ends the run with its error (every chunk delivered
 * once), unless `afterFirstChunk: "restart"`. `invoke` and `batch` called on the retry
 * itself retry at any point, since their caller sees only the final output; `batch`
 * retries its failed inputs in rounds, as LangChain's does. See
 * docs/decisions/2026-11-21-streaming-retry.md.
 *
 * @example
 * ```ts
 * import { RunnableRetry, StringOutputParser } from 'rxchain';
 * import { ScriptedChatModel } from 'rxchain/testing';
 *
 * // The first call fails before its first token; the second answers.
 * const model = new ScriptedChatModel({ responses: ['Hello there'], failAt: { token: 1, call: 0 } });
 * const chain = new RunnableRetry(model, { stopAfterAttempt: 2 }).pipe(new StringOutputParser());
 * const tokens: string[] = [];
 * for await (const token of await chain.stream('Hi')) tokens.push(token);
 * console.log(tokens, model.calls.length); // => ['Hello', ' there'], 2
 * ```
 */
export class RunnableRetry<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The runnable each attempt runs. */
  readonly bound: Runnable<I, O>;
  /** How many attempts in all. */
  readonly stopAfterAttempt: number;
  readonly #options: RetryOptions<I>;
  readonly #backoff: Backoff;

  /**
   * @param bound - the runnable to retry.
   * @param options - attempts, which errors to retry, delays, a callback per failure.
   * @throws InvalidArgumentError for a `stopAfterAttempt` that is not a positive integer,
   *   an unknown `afterFirstChunk`, or an unknown option key.
   */
  constructor(bound: Runnable<I, O>, options: RetryOptions<I> = {}) {
    super();
    const attempts = options.stopAfterAttempt ?? 3;
    if (!(Number.isInteger(attempts) && attempts > 0)) {
      throw new InvalidArgumentError(
        'stopAfterAttempt',
        `stopAfterAttempt must be a positive integer (attempts in all, the first included), got ${String(attempts)}.`,
      );
    }
    const after = options.afterFirstChunk;
    if (after !== undefined && after !== 'fail' && after !== 'restart') {
      throw new InvalidArgumentError(
        'afterFirstChunk',
        `afterFirstChunk must be "fail" or "restart", got ${JSON.stringify(after)}.`,
      );
    }
    const unknown = unknownOptionError('withRetry()', options, RETRY_OPTION_KEYS, RETRY_OPTION_HINTS);
    if (unknown !== undefined) throw unknown;
    this.bound = bound;
    this.stopAfterAttempt = attempts;
    this.#options = options;
    this.#backoff = backoffOf(options.backoff);
  }

  /** The attempt's chunks: reported by the retry only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  protected override get defaultName(): string {
    return 'RunnableRetry';
  }

  override get inputMode(): InputMode {
    return this.bound.inputMode;
  }

  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.bound.outputAccumulator(upstream);
  }

  override _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return traced<I, O>(this, (source$, run) => this.#attempts(source$, run, true), input$, origin);
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return this.#attempts(input$, run, false);
  }

  /**
   * Runs the bound runnable on every input, then retries the failed ones in rounds (all
   * failures of round N, then round N+1), as LangChain does; each input's attempts after
   * the first are tagged `retry:attempt:N`. Outputs keep the inputs' positions.
   */
  override batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions & { returnExceptions?: false },
  ): Promise<O[]>;
  override batch(
    inputs: readonly I[],
    config: RunnableConfig | readonly RunnableConfig[] | undefined,
    options: BatchOptions & { returnExceptions: true },
  ): Promise<(O | Error)[]>;
  override batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions,
  ): Promise<(O | Error)[]>;
  override async batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions,
  ): Promise<(O | Error)[]> {
    const configs: readonly (RunnableConfig | undefined)[] = Array.isArray(config)
      ? (config as readonly RunnableConfig[])
      : inputs.map(() => config as RunnableConfig | undefined);
    // A list of the wrong length is the plain batch's error.
    if (configs.length !== inputs.length) return super.batch(inputs, config, options);
    return retryInRounds(inputs, configs, options, {
      attempt: (input, runConfig, attempt) =>
        this.bound.invoke(
          input,
          attempt > 1 ? { ...runConfig, tags: [...(runConfig?.tags ?? []), `retry:attempt:${attempt}`] } : runConfig,
        ),
      decide: (error, input, attempt) => this.#decide({ attempt, error, delivered: 0, input: () => input }, undefined),
    });
  }

  #attempts(input$: Observable<I>, run: RunContext, whole: boolean): Observable<O> {
    return runAttempts<I, O>(input$, {
      whole,
      inputAccumulator: run.inputAccumulator ?? concatAccumulator,
      start: (attempt, replayed$) => {
        const origin = {
          parent: run,
          positionTag: attempt > 1 ? `retry:attempt:${attempt}` : undefined,
          inputAccumulator: run.inputAccumulator,
        };
        return whole ? this.bound._runWhole(replayed$, origin) : this.bound._run(replayed$, origin);
      },
      decide: (failure) => this.#decide(failure, run),
    });
  }

  #decide(failure: AttemptFailure<I>, run: RunContext | undefined): AttemptDecision {
    const { attempt, delivered } = failure;
    // Attempts fail with Errors (the lifecycle wraps anything else in a ThrownValueError).
    const error = toError(failure.error);
    const { retryIf = isRetryableError, delay, onFailedAttempt, afterFirstChunk = 'fail', scheduler } = this.#options;
    if (attempt >= this.stopAfterAttempt) return { fail: error };
    if (delivered > 0 && afterFirstChunk === 'fail') return { fail: error };
    let wait: number;
    try {
      if (!retryIf(error, attempt)) return { fail: error };
      onFailedAttempt?.(error, failure.input(), attempt);
      wait =
        typeof delay === 'function'
          ? delay(attempt, error)
          : (delay ?? retryAfterMsOf(error) ?? backoffDelayMs(attempt, this.#backoff));
    } catch (thrown) {
      // A callback that throws ends the retries with what it threw.
      return { fail: thrown };
    }
    if (delivered > 0 && run !== undefined) {
      recordRestart(run, { attempt: attempt + 1, chunksDelivered: delivered, error });
    }
    return { retryAfter: Number.isFinite(wait) && wait > 0 ? wait : 0, scheduler };
  }
}

/** Resolves and checks backoff options. */
function backoffOf(options: BackoffOptions | undefined): Backoff {
  const { initialDelayMs = 100, maxDelayMs = 10_000, factor = 2, jitter = true } = options ?? {};
  for (const [name, value] of [
    ['backoff.initialDelayMs', initialDelayMs],
    ['backoff.maxDelayMs', maxDelayMs],
    ['backoff.factor', factor],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError(name, `${name} must be a non-negative finite number, got ${String(value)}.`);
    }
  }
  const random = typeof jitter === 'function' ? jitter : cryptoRandom;
  return { initialDelayMs, maxDelayMs, factor, jitter: jitter !== false, random };
}
