import { Observable } from 'rxjs';
import { toJson } from '../../codecs/toJson.js';
import { RemoteCallError } from '../../errors/RemoteCallError.js';
import { RemoteRunError } from '../../errors/RemoteRunError.js';
import { stripTerminalCodes } from '../../errors/internal/stripTerminalCodes.js';
import { ResponseLimitError } from '../../errors/ResponseLimitError.js';
import type { FetchFunction } from '../wire.js';
import { excerpt, readBounded, readFailure, type RemoteLimits } from './remoteAnswer.js';

/** Where and how to call a served runnable. */
export interface RemoteEndpoint {
  /** The served runnable's base URL. */
  readonly url: string;
  /** Extra request headers, or a function that makes them for each call (a fresh token). */
  readonly headers:
    | Readonly<Record<string, string>>
    | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>)
    | undefined;
  /** The fetch to use; `globalThis.fetch` when absent (looked up at call time). */
  readonly fetch: FetchFunction | undefined;
  /** The bounds on what is read. */
  readonly limits: RemoteLimits;
}

/**
 * POSTs `body` as JSON to `route` (or GETs it, when `body` is undefined, with the extra
 * `headers`), then reads the answer with `read`, as one cold
 * Observable: unsubscribing before it ends aborts the request (the server then sees the
 * client leave). An error status becomes a `RemoteRunError` (a 500 whose body names the
 * failed run) or a `RemoteCallError` (its body read up to `maxErrorBodyBytes`, past which
 * a `ResponseLimitError`); a network failure, or a connection cut while `read` reads, a
 * `RemoteCallError`.
 */
export function remoteCall$<T>(
  endpoint: RemoteEndpoint,
  route: string,
  body: unknown,
  accept: string,
  read: (response: Response) => Observable<T>,
  headers: Readonly<Record<string, string>> = {},
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const url = `${endpoint.url}/${route}`;
    let finished = false;
    let reading: { unsubscribe(): void } | undefined;
    void (async () => {
      const json = body === undefined ? undefined : toJson(body);
      const extra = typeof endpoint.headers === 'function' ? await endpoint.headers() : endpoint.headers;
      const fetchFn = endpoint.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
      let response: Response;
      try {
        response = await fetchFn(
          url,
          json === undefined
            ? { method: 'GET', headers: { ...extra, ...headers, accept }, signal: controller.signal }
            : {
                method: 'POST',
                headers: { ...extra, ...headers, 'content-type': 'application/json', accept },
                body: json,
                signal: controller.signal,
              },
        );
      } catch (error) {
        throw new RemoteCallError({
          url,
          isRetryable: true,
          problem: `the server could not be reached (${error instanceof Error ? error.message : String(error)})`,
          hint: 'Check that the server is running and that the url is right.',
          cause: error,
        });
      }
      if (!response.ok) throw await statusError(url, response, endpoint.limits.maxErrorBodyBytes);
      return response;
    })().then(
      (response) => {
        if (subscriber.closed) return;
        reading = read(response).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            finished = true;
            subscriber.error(readFailure(url, error));
          },
          complete: () => {
            finished = true;
            subscriber.complete();
          },
        });
      },
      (error: unknown) => {
        finished = true;
        if (!subscriber.closed) subscriber.error(error);
      },
    );
    return () => {
      reading?.unsubscribe();
      if (!finished) controller.abort();
    };
  });
}

async function statusError(url: string, response: Response, limit: number): Promise<Error> {
  let text: string;
  try {
    text = await readBounded(response, url, limit, 'the error body');
  } catch (error) {
    if (error instanceof ResponseLimitError) return error;
    text = '';
  }
  let parsed: { error?: { name?: unknown; message?: unknown; run_name?: unknown }; issues?: unknown } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error;
  const detail = detailMessage((parsed as { detail?: unknown } | undefined)?.detail);
  const message = typeof error?.message === 'string' ? error.message : detail;
  if (response.status === 500 && typeof error?.name === 'string' && message !== undefined) {
    // Whatever server sent it, the client may print it: no terminal escape codes.
    return new RemoteRunError(
      stripTerminalCodes(error.name),
      stripTerminalCodes(message),
      typeof error.run_name === 'string' ? error.run_name : undefined,
    );
  }
  const status = response.status;
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  return new RemoteCallError({
    url,
    status,
    responseBody: text,
    isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
    retryAfter: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    issues: Array.isArray(parsed?.issues) ? parsed.issues : detailIssues(parsed),
    problem: `HTTP ${status}${message !== undefined ? `: ${excerpt(message, 500).replace(/[\s.]+$/, '')}` : ''}`,
    hint: hintFor(status),
  });
}

/** FastAPI's `detail` (LangServe's errors): a string, or a list of `{ loc, msg }`. */
function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;
  const parts = detail.map((item: { loc?: unknown; msg?: unknown } | null) => {
    const loc = Array.isArray(item?.loc) ? item.loc.join('.') : '';
    const msg = typeof item?.msg === 'string' ? item.msg : JSON.stringify(item);
    return loc !== '' ? `${loc}: ${msg}` : msg;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function detailIssues(parsed: unknown): unknown[] | undefined {
  const detail = (parsed as { detail?: unknown } | null | undefined)?.detail;
  return Array.isArray(detail) ? detail : undefined;
}

function hintFor(status: number): string | undefined {
  switch (status) {
    case 404:
      return 'Check the RemoteRunnable url: it is the base path the runnable is served under, without /invoke.';
    case 422:
      return 'The server rejected the input; its schema is at GET <url>/input_schema.';
    case 401:
    case 403:
      return 'The server refused the credentials: pass them in { headers }.';
    default:
      return undefined;
  }
}
