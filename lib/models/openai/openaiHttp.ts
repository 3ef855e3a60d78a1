import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { HttpRetryOptions } from '../HttpRetryOptions.js';
import { retryPolicyOf, type HttpRetryPolicy } from '../internal/httpRetry.js';
import { isRetryableStatus } from '../internal/httpErrors.js';
import { postJson } from '../internal/postJson.js';
import type { FetchLike } from '../FetchLike.js';

export type { FetchLike } from '../FetchLike.js';

/** Where and how to reach an OpenAI-compatible API, and how often to try. */
export interface OpenAIEndpointOptions extends HttpRetryOptions {
  /** The API's base URL, up to and including `/v1`. @default 'https://api.openai.com/v1' */
  baseURL?: string | undefined;
  /** Sent as `Authorization: Bearer <apiKey>`; omitted when absent (local servers). */
  apiKey?: string | undefined;
  /** Extra headers for every request (they win over the defaults, e.g. Azure's `api-key`). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** The `fetch` to call. @default globalThis.fetch */
  fetch?: FetchLike | undefined;
}

/** The default base URL: OpenAI's own API. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** A resolved endpoint: a function that POSTs JSON to a path under the base URL. */
export class OpenAIEndpoint {
  readonly #base: URL;
  readonly #apiKey: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #fetch: FetchLike | undefined;
  /** The built-in retries. */
  readonly retry: HttpRetryPolicy;

  constructor(options: OpenAIEndpointOptions) {
    const baseURL = options.baseURL ?? OPENAI_BASE_URL;
    try {
      this.#base = new URL(baseURL);
    } catch {
      throw new InvalidArgumentError(
        'baseURL',
        `baseURL must be an absolute URL such as "https://api.openai.com/v1" or "http://localhost:11434/v1", got ${JSON.stringify(baseURL)}.`,
      );
    }
    if (this.#base.protocol !== 'http:' && this.#base.protocol !== 'https:') {
      throw new InvalidArgumentError('baseURL', `baseURL must be an http(s) URL, got ${JSON.stringify(baseURL)}.`);
    }
    this.#apiKey = options.apiKey === '' ? undefined : options.apiKey;
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch;
    this.retry = retryPolicyOf(options);
  }

  /** The base URL's host name (for the provider name). */
  get hostname(): string {
    return this.#base.hostname;
  }

  /** The base URL's port, '' for the default one. */
  get port(): string {
    return this.#base.port;
  }

  /** The full URL of `path` (the base's query string is kept, for Azure-style `api-version`). */
  urlOf(path: string): string {
    const url = new URL(this.#base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    return url.href;
  }

  /** `url` as errors show it: no credentials, no key-like query values. */
  safeUrlOf(path: string): string {
    const url = new URL(this.urlOf(path));
    url.username = '';
    url.password = '';
    const secret: string[] = [];
    url.searchParams.forEach((_value, name) => {
      if (/key|token|secret|sig|auth|password/i.test(name)) secret.push(name);
    });
    for (const name of secret) url.searchParams.set(name, '***');
    return url.href;
  }

  /** `text` with the API key masked, for error messages and fields. */
  mask(text: string): string {
    const key = this.#apiKey;
    return key !== undefined && key.length > 0 ? text.split(key).join('***') : text;
  }

  /**
   * POSTs `body` as JSON to `path`. Resolves with a 2xx response; rejects with an
   * `ApiCallError` for an error status or a network failure, or with the signal's reason
   * (see `abortReason`) when the signal aborted the request.
   */
  async post(path: string, body: unknown, signal: AbortSignal, accept: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept };
    if (this.#apiKey !== undefined) headers['authorization'] = `Bearer ${this.#apiKey}`;
    for (const [name, value] of Object.entries(this.#headers)) headers[name.toLowerCase()] = value;
    return postJson({
      url: this.urlOf(path),
      safeUrl: this.safeUrlOf(path),
      headers,
      body,
      signal,
      fetch: this.#fetch,
      mask: (text) => this.mask(text),
      now: this.retry.scheduler.now(),
      hint: statusHint,
      unreachableHint: 'Check that the server at baseURL is running and reachable.',
    });
  }
}

function statusHint(status: number): string {
  if (status === 401 || status === 403)
    return 'Check apiKey (or the headers your endpoint expects, such as Azure\'s "api-key").';
  if (status === 404) return 'Check baseURL (it usually ends in /v1) and the model name.';
  if (status === 429) return 'The server is rate-limiting: retry later (the error is marked isRetryable).';
  if (isRetryableStatus(status)) return 'The server failed: retry later (the error is marked isRetryable).';
  return 'Check the model name and the options sent (tools, stop, maxTokens).';
}
