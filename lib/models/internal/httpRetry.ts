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
import { backoffDelayMs, cryptoRandom, retryAfterMsOf } from '../../runnables/internal/backoff.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { isRetryableError } from '../../errors/isRetryableError.js';
import type { HttpRetryOptions } from '../HttpRetryOptions.js';

/** The backoff of the built-in retries: 0.5 s doubling up to 8 s, with full jitter. */
const BACKOFF = { initialDelayMs: 500, maxDelayMs: 8_000, factor: 2, jitter: true } as const;

/** What a model reports when it retries: the attempt that failed, its error, and the wait before the next. */
export interface HttpRetryNotice {
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  /** Milliseconds until the next attempt. */
  readonly delayMs: number;
  /** The failure. */
  readonly error: unknown;
}

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

/**
 * Milliseconds to wait after attempt `attempt` (1-based) failed with `error`: the
 * server's `retryAfter` when it gave one (capped at a minute), else exponential backoff
 * with full jitter, `random() × min(8 s, 0.5 s × 2^(attempt-1))`.
 */
export function retryDelayMs(attempt: number, error: unknown, random: () => number): number {
  return retryAfterMsOf(error) ?? backoffDelayMs(attempt, { ...BACKOFF, random });
}

/**
 * `attempt$` with built-in retries: a retryable failure before the first value is
 * delivered starts a new attempt (a new subscription) after `retryDelayMs`, up to
 * `maxRetries` times; the error that finally surfaces names the attempts made. A failure
 * after a value was delivered, or once `signal` aborted (a run's timeout), surfaces at
 * once. Unsubscribing during a wait cancels it. `onRetry` hears of each retry before its wait.
 */
export function withHttpRetries<T>(
  attempt$: Observable<T>,
  policy: HttpRetryPolicy,
  signal?: AbortSignal,
  onRetry?: (notice: HttpRetryNotice) => void,
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
          onRetry?.({ attempt: made, delayMs: wait, error });
          return timer(wait, policy.scheduler).pipe(mergeMap(() => attempt(made + 1)));
        }),
      );
    return attempt(1);
  });
}

function isAbort(error: unknown): boolean {
  return error !== null && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * The data of the `http_retry` custom event a chat model dispatches when it retries:
 * `{ attempt, delayMs, status, message }`.
 */
export function retryEventData(notice: HttpRetryNotice): Record<string, unknown> {
  const { error } = notice;
  const status =
    error !== null && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number'
      ? (error as { status: number }).status
      : undefined;
  return {
    attempt: notice.attempt,
    delayMs: notice.delayMs,
    ...(status !== undefined ? { status } : {}),
    message: error instanceof Error ? error.message : String(error),
  };
}
