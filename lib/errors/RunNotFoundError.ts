import { RxchainError } from './RxchainError.js';

/**
 * Raised when a stored run is asked for that the run store does not have: an id it never
 * saw, a run whose time to live ran out, or frames it no longer keeps. A resumable server
 * answers it with a 404; reconnect with a new request instead.
 *
 * @example
 * ```ts
 * import { MemoryRunStore, RunNotFoundError } from 'rxchain';
 * import { lastValueFrom } from 'rxjs';
 *
 * const error = await lastValueFrom(new MemoryRunStore().read('run-1', 0)).catch((e: unknown) => e);
 * console.log(error instanceof RunNotFoundError, (error as RunNotFoundError).runId); // => true, 'run-1'
 * ```
 */
export class RunNotFoundError extends RxchainError {
  override name = 'RunNotFoundError';
  /** Never: the same request finds the same store. */
  readonly isRetryable: boolean = false;
  /** The run asked for. */
  readonly runId: string;

  /**
   * @param runId - the run asked for.
   * @param why - what is missing, if more is known.
   */
  constructor(runId: string, why = 'the store has no such run, or its time to live ran out') {
    super(`Run "${runId}" cannot be read: ${why}. Start the run again with a new request.`);
    this.runId = runId;
  }
}
