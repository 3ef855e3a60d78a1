import { RxchainError } from './RxchainError.js';

/**
 * Raised when a provider answers with something its protocol does not allow: a `data:`
 * line that is not JSON, a completion without choices, a body that is not JSON, or a
 * stream that stops before its end marker. `line` holds the offending text, so the
 * message names what was received.
 *
 * @example
 * ```ts
 * import { ProviderResponseError } from 'rxchain';
 *
 * const error = new ProviderResponseError('http://localhost:11434/v1/chat/completions', 'a data line is not JSON', 'data: {"id": oops');
 * console.log(error.line); // => 'data: {"id": oops'
 * console.log(error.message.startsWith('Unexpected response from http://localhost:11434/v1/chat/completions: a data line is not JSON')); // => true
 * ```
 */
export class ProviderResponseError extends RxchainError {
  override name = 'ProviderResponseError';

  /** Retried: a garbled or cut response may come through whole the next time. */
  readonly isRetryable: boolean = true;

  /**
   * @param url - the request's URL, without credentials.
   * @param problem - what is wrong with the response.
   * @param line - the offending line or text, if there is one.
   * @param options - the underlying `cause`, and how to fix the problem when the default
   *   advice (check `baseURL` and what the server supports) does not fit.
   */
  constructor(
    readonly url: string,
    readonly problem: string,
    readonly line?: string,
    options?: { cause?: unknown; hint?: string | undefined },
  ) {
    super(
      `Unexpected response from ${url}: ${problem}${line !== undefined ? `: ${JSON.stringify(clip(line))}` : ''}. ` +
        (options?.hint ??
          'The server does not answer as the OpenAI API does: check baseURL, and whether the server supports this request.'),
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
  }
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
