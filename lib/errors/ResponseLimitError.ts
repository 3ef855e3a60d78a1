import { RxchainError } from './RxchainError.js';

/**
 * Raised when a response passes a bound the client keeps on what it reads (a provider's
 * client, or `RemoteRunnable`): an error body longer than 64 KiB, a server-sent-events
 * line longer than 1 MiB, an `/invoke` answer longer than 10 MiB (`RemoteRunnable`'s
 * `limits`). Reading stops there and the connection is closed, so a misbehaving or hostile
 * server cannot make the client hold an unbounded buffer. Check the URL (`baseURL`; a
 * proxy may answer with a page of HTML) or raise the bound where the server legitimately
 * sends more.
 *
 * @example
 * ```ts
 * import { ResponseLimitError } from 'rxchain';
 *
 * const error = new ResponseLimitError('http://localhost:11434/v1/chat/completions', 'an SSE line', 1_048_576, 'characters');
 * console.log(error.part, error.limit, error.isRetryable); // => 'an SSE line', 1048576, false
 * ```
 */
export class ResponseLimitError extends RxchainError {
  override name = 'ResponseLimitError';
  /** Whether trying again may help: only for an error body whose status says so (a 503 page). */
  readonly isRetryable: boolean;
  /** The response's HTTP status. */
  readonly status: number | undefined;

  /**
   * @param url - the request's URL, without credentials.
   * @param part - what passed the bound ("the error body", "an SSE line").
   * @param limit - the bound.
   * @param unit - what `limit` counts.
   * @param options - the response's status, and whether a retry may help.
   */
  constructor(
    readonly url: string,
    readonly part: string,
    readonly limit: number,
    readonly unit: 'bytes' | 'characters',
    options?: { status?: number | undefined; isRetryable?: boolean | undefined },
  ) {
    super(
      `The response from ${url} is too large: ${part} passed ${limit} ${unit}${
        options?.status !== undefined ? ` (HTTP ${options.status})` : ''
      }, so reading stopped. Check the URL (a proxy may answer with an HTML page) and what the server sends, or raise the limit.`,
    );
    this.status = options?.status;
    this.isRetryable = options?.isRetryable ?? false;
  }
}
