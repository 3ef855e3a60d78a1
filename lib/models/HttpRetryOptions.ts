import type { SchedulerLike } from 'rxjs';

/** The built-in retries of an HTTP model (chat models and embeddings). */
export interface HttpRetryOptions {
  /**
   * Retries after a retryable failure (408, 409, 429, 5xx, a network failure, or a
   * server's `x-should-retry: true`) that happens before the first chunk is delivered;
   * 0 turns them off. After a chunk was delivered the error surfaces (wrap the model in
   * `withRetry` to retry there). @default 2
   */
  maxRetries?: number | undefined;
  /**
   * The scheduler the waits between attempts run on (a `TestScheduler` or any virtual-time
   * scheduler in tests). @default asyncScheduler
   */
  scheduler?: SchedulerLike | undefined;
  /**
   * The random source of the backoff's jitter: numbers in [0, 1). @default crypto.getRandomValues
   */
  random?: (() => number) | undefined;
}
