import { RxchainError } from './RxchainError.js';

/**
 * Raised by a run store that cannot keep a run's frames within its bounds (bytes, runs,
 * frames per run) even after dropping every finished run it may drop. The run goes on; it
 * just cannot be resumed past this point. Raise the store's limits, or lower the grace
 * period so that runs nobody reads end sooner.
 *
 * @example
 * ```ts
 * import { MemoryRunStore, RunStoreLimitError } from 'rxchain';
 *
 * const store = new MemoryRunStore({ maxBytes: 10 });
 * await store.create('run-1', 'stream');
 * const error = await store
 *   .append('run-1', { id: 1, event: 'data', data: 'more than ten bytes' }, false)
 *   .catch((e: unknown) => e);
 * console.log(error instanceof RunStoreLimitError, (error as RunStoreLimitError).limit); // => true, 'maxBytes'
 * ```
 */
export class RunStoreLimitError extends RxchainError {
  override name = 'RunStoreLimitError';
  /** Never: the same request finds the same store. */
  readonly isRetryable: boolean = false;
  /** The run whose frame did not fit. */
  readonly runId: string;
  /** The bound it hit. */
  readonly limit: 'maxBytes' | 'maxRuns' | 'maxFramesPerRun';

  /**
   * @param runId - the run whose frame did not fit.
   * @param limit - the bound it hit.
   * @param value - that bound's value.
   */
  constructor(runId: string, limit: 'maxBytes' | 'maxRuns' | 'maxFramesPerRun', value: number) {
    super(
      `The run store cannot keep run "${runId}": ${limit} is ${value} and every run it could drop is still live. ` +
        `Raise ${limit}, or end runs nobody reads sooner (a shorter grace period).`,
    );
    this.runId = runId;
    this.limit = limit;
  }
}
