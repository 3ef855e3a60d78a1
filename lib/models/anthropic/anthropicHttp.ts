import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { FetchLike } from '../FetchLike.js';
import type { HttpRetryOptions } from '../HttpRetryOptions.js';
import { isRetryableStatus } from '../internal/httpErrors.js';
import { retryPolicyOf, type HttpRetryPolicy } from '../internal/httpRetry.js';
import { postJson } from '../internal/postJson.js';

/** Where and how to reach the Anthropic Messages API, and how often to try. */
export interface AnthropicEndpointOptions extends HttpRetryOptions {
  /** The API's base URL, without `/v1` (requests go to `${baseURL}/v1/messages`). @default 'https://api.anthropic.com' */
  baseURL?: string | undefined;
  /** Sent as `x-api-key`. @default process.env.ANTHROPIC_API_KEY */
  apiKey?: string | undefined;
  /** The `anthropic-version` header. @default '2023-06-01' */
  anthropicVersion?: string | undefined;
  /** Extra headers for every request (they win over the defaults, e.g. `anthropic-beta`). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** The `fetch` to call. @default globalThis.fetch */
  fetch?: FetchLike | undefined;
}

/** The default base URL: Anthropic's own API. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** The API version the request and event shapes follow. */
export const ANTHROPIC_VERSION = '2023-06-01';

function environmentKey(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const key = env?.['ANTHROPIC_API_KEY'];
  return key === '' ? undefined : key;
}

/** A resolved endpoint: POSTs Messages API requests. */
export class AnthropicEndpoint {
  readonly #base: URL;
  readonly #apiKey: string | undefined;
  readonly #version: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #fetch: FetchLike | undefined;
  /** The built-in retries. */
  readonly retry: HttpRetryPolicy;

  constructor(options: AnthropicEndpointOptions) {
    const baseURL = options.baseURL ?? ANTHROPIC_BASE_URL;
    let base: URL;
    try {
      base = new URL(baseURL);
    } catch {
      throw new InvalidArgumentError(
        'baseURL',
        `baseURL must be an absolute URL such as "https://api.anthropic.com" or "http://127.0.0.1:8080", got ${JSON.stringify(baseURL)}.`,
      );
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new InvalidArgumentError('baseURL', `baseURL must be an http(s) URL, got ${JSON.stringify(baseURL)}.`);
    }
    this.#base = base;
    this.#apiKey = options.apiKey === '' ? undefined : (options.apiKey ?? environmentKey());
    this.#version = options.anthropicVersion ?? ANTHROPIC_VERSION;
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch;
    this.retry = retryPolicyOf(options);
  }

  /** The base URL's host name. */
  get hostname(): string {
    return this.#base.hostname;
  }

  /** The full URL of `path` under the base URL. */
  urlOf(path: string): string {
    const url = new URL(this.#base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    return url.href;
  }

  /** The URL of `path` as errors show it: no credentials, no query. */
  safeUrlOf(path: string): string {
    const url = new URL(this.urlOf(path));
    url.username = '';
    url.password = '';
    url.search = '';
    return url.href;
  }

  /** `text` with the API key masked. */
  mask(text: string): string {
    const key = this.#apiKey;
    return key !== undefined && key.length > 0 ? text.split(key).join('***') : text;
  }

  /**
   * POSTs `body` to `/v1/messages`. Resolves with a 2xx response; rejects with an
   * `ApiCallError` for an error status or a network failure, or with the signal's reason
   * when the signal aborted the request.
   */
  post(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': this.#version,
    };
    if (this.#apiKey !== undefined) headers['x-api-key'] = this.#apiKey;
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
  if (status === 401 || status === 403) return 'Check apiKey (or set ANTHROPIC_API_KEY).';
  if (status === 404) return 'Check baseURL (without /v1: requests go to <baseURL>/v1/messages) and the model name.';
  if (status === 429) return 'The API is rate-limiting: retry later (the error is marked isRetryable).';
  if (status === 529 || isRetryableStatus(status))
    return 'The API is overloaded or failed: retry later (the error is marked isRetryable).';
  return 'Check the model name and the options sent (maxTokens, tools, messages).';
}
