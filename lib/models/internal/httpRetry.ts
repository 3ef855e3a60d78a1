import {
  asyncScheduler,
  catchError,
  defer,
  mergeMap,
  type Observable,
  type SchedulerLike,
  tap,
  throwError,
  timer,
} from 'rxjs';
import { ApiCallError } from '../../errors/ApiCallError.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { isRetryableError } from '../../errors/isRetryableError.js';
import type { HttpRetryOptions } from '../HttpRetryOptions.js';

/** The first backoff, before jitter: half a second. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** The longest backoff, before jitter. */
export const MAX_RETRY_DELAY_MS = 8_000;
/** The longest `retry-after` honoured: a server asking for more waits this long. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The resolved retry policy of one model. */
export interface HttpRetryPolicy {
  readonly maxRetries: number;
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
}

/** Checks and resolves retry options (`maxRetries` must be a non-negative integer). */
export function retryPolicyOf(options: HttpRetryOptions): HttpRetryPolicy {
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new InvalidArgumentError(
      'maxRetries',
      `maxRetries must be a non-negative integer (0 turns retries off), got ${String(maxRetries)}.`,
    );
  }
  return { maxRetries, scheduler: options.scheduler ?? asyncScheduler, random: options.random ?? cryptoRandom };
}

/** A number in [0, 1) from the platform's cryptographic source. */
export function cryptoRandom(): number {
  const [value] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return (value ?? 0) / 2 ** 32;
}

/**
 * Milliseconds to wait after attempt `attempt` (1-based) failed with `error`: the
 * server's `retryAfter` when it gave one (capped at a minute), else exponential backoff
 * with full jitter, `random() × min(8 s, 0.5 s × 2^(attempt-1))`.
 */
export function retryDelayMs(attempt: number, error: unknown, random: () => number): number {
  const retryAfter = error instanceof ApiCallError ? error.retryAfter : undefined;
  if (retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
  }
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `attempt$` with built-in retries: a retryable failure before the first value is
 * delivered starts a new attempt (a new subscription) after `retryDelayMs`, up to
 * `maxRetries` times; the error that finally surfaces names the attempts made. A failure
 * after a value was delivered, or once `signal` aborted (a run's timeout), surfaces at
 * once. Unsubscribing during a wait cancels it.
 */
export function withHttpRetries<T>(
  attempt$: Observable<T>,
  policy: HttpRetryPolicy,
  signal?: AbortSignal,
): Observable<T> {
  return defer(() => {
    let delivered = false;
    const attempt = (made: number): Observable<T> =>
      attempt$.pipe(
        tap(() => {
          delivered = true;
        }),
        catchError((error: unknown) => {
          const stop = delivered || made > policy.maxRetries || signal?.aborted === true;
          if (stop || !isRetryableError(error) || isAbort(error)) {
            return throwError(() => (made > 1 && error instanceof ApiCallError ? error.afterAttempts(made) : error));
          }
          const wait = retryDelayMs(made, error, policy.random);
          return timer(wait, policy.scheduler).pipe(mergeMap(() => attempt(made + 1)));
        }),
      );
    return attempt(1);
  });
}

function isAbort(error: unknown): boolean {
  return error !== null && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}
