import { catchError, defer, finalize, from, mergeMap, type Observable, throwError } from 'rxjs';
import { abortReason } from '../../core/lifecycle.js';
import { withHttpRetries, type HttpRetryNotice, type HttpRetryPolicy } from './httpRetry.js';

/**
 * One model call over HTTP: `send` posts the request with a signal of its own, `read`
 * turns the response into values, and failures before the first value are retried by
 * `policy`. Unsubscribing (a `break`, a timeout) or the run's signal aborts the request;
 * a run aborted by its signal fails with the signal's reason, not with the fetch error.
 *
 * @param runSignal - the run's signal, if any.
 * @param policy - the model's built-in retries.
 * @param send - posts the request.
 * @param read - reads the response.
 * @param onRetry - told of each retry (for a custom event).
 * @returns the values of the call.
 */
export function httpCall$<T>(
  runSignal: AbortSignal | undefined,
  policy: HttpRetryPolicy,
  send: (signal: AbortSignal) => Promise<Response>,
  read: (response: Response) => Observable<T>,
  onRetry?: (notice: HttpRetryNotice) => void,
): Observable<T> {
  return defer(() => {
    // One controller per subscription: teardown (unsubscribe, break, timeout) aborts the request.
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(runSignal?.reason);
    if (runSignal?.aborted === true) onAbort();
    else runSignal?.addEventListener('abort', onAbort, { once: true });
    const attempt$ = defer(() => from(send(controller.signal))).pipe(mergeMap(read));
    return withHttpRetries(attempt$, policy, runSignal, onRetry).pipe(
      catchError((error: unknown) => throwError(() => (runSignal?.aborted === true ? abortReason(runSignal) : error))),
      finalize(() => {
        runSignal?.removeEventListener('abort', onAbort);
        controller.abort();
      }),
    );
  });
}
