import { abortReason } from '../../core/lifecycle.js';
import type { EmbedOptions, Embeddings } from '../../embeddings/Embeddings.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { streamError } from './openaiEventStream.js';
import { OpenAIEndpoint, type OpenAIEndpointOptions } from './openaiHttp.js';
import { defer, from } from 'rxjs';
import { toError } from '../../errors/toError.js';
import { withHttpRetries } from '../internal/httpRetry.js';

/** Options of `OpenAICompatibleEmbeddings`. */
export interface OpenAICompatibleEmbeddingsOptions extends OpenAIEndpointOptions {
  /** The embedding model (`text-embedding-3-small`, `nomic-embed-text`...). */
  model: string;
  /** The most texts sent in one request; more are sent in several, one after another. @default 512 */
  batchSize?: number | undefined;
  /** The vectors' length, for models that can shorten them (`dimensions`). */
  dimensions?: number | undefined;
}

/**
 * Embeddings from any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure, Ollama,
 * vLLM, llama.cpp...). Texts go in batches of `batchSize`; the vectors come back in the
 * order of the texts. A retryable failure is retried `maxRetries` times (default 2) after
 * the server's `retry-after` or a backoff with jitter; failures raise `ApiCallError`
 * (status, `isRetryable`, `attempts`) or `ProviderResponseError`; `signal` aborts the
 * request in flight and any wait between attempts.
 *
 * @example
 * ```ts
 * import { OpenAICompatibleEmbeddings } from 'rxchain';
 *
 * const embeddings = new OpenAICompatibleEmbeddings({ baseURL: process.env.OPENAI_BASE_URL, model: 'nomic-embed-text' });
 * const vectors = await embeddings.embedDocuments(['cat', 'horse']);
 * console.log(vectors.length, vectors[0]?.length); // => 2, 3
 * ```
 */
export class OpenAICompatibleEmbeddings implements Embeddings {
  /** The embedding model. */
  readonly model: string;
  /** The most texts per request. */
  readonly batchSize: number;
  /** The vectors' length, if asked for. */
  readonly dimensions: number | undefined;
  readonly #endpoint: OpenAIEndpoint;

  /**
   * @param options - where the API is, the model, and the batch size.
   */
  constructor(options: OpenAICompatibleEmbeddingsOptions) {
    if (typeof options.model !== 'string' || options.model.trim() === '') {
      throw new InvalidArgumentError('model', 'Pass the embedding model, e.g. { model: "text-embedding-3-small" }.');
    }
    const batchSize = options.batchSize ?? 512;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InvalidArgumentError('batchSize', `batchSize must be a positive integer, got ${String(batchSize)}.`);
    }
    this.#endpoint = new OpenAIEndpoint(options);
    this.model = options.model;
    this.batchSize = batchSize;
    this.dimensions = options.dimensions;
  }

  /**
   * Embeds texts, `batchSize` per request.
   * @param texts - the texts.
   * @param options - a signal that aborts the request in flight.
   * @returns one vector per text, in order.
   */
  async embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      vectors.push(...(await this.#embedBatch(texts.slice(start, start + this.batchSize), options?.signal)));
    }
    return vectors;
  }

  /**
   * Embeds a search query.
   * @param text - the query.
   * @param options - a signal that aborts the request.
   * @returns its vector.
   */
  async embedQuery(text: string, options?: EmbedOptions): Promise<number[]> {
    const [vector] = await this.#embedBatch([text], options?.signal);
    return vector as number[];
  }

  #embedBatch(input: readonly string[], signal: AbortSignal | undefined): Promise<number[][]> {
    const attempts$ = withHttpRetries(
      defer(() => from(this.#embedOnce(input, signal))),
      this.#endpoint.retry,
      signal,
    );
    return new Promise<number[][]>((resolve, reject) => {
      let vectors: number[][] = [];
      const onAbort = (): void => {
        subscription.unsubscribe();
        reject(abortReason(signal as AbortSignal));
      };
      const subscription = attempts$.subscribe({
        next: (value) => {
          vectors = value;
        },
        error: (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(signal?.aborted === true ? abortReason(signal) : toError(error));
        },
        complete: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(vectors);
        },
      });
      if (!subscription.closed) signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #embedOnce(input: readonly string[], signal: AbortSignal | undefined): Promise<number[][]> {
    const body: Record<string, unknown> = { model: this.model, input };
    if (this.dimensions !== undefined) body['dimensions'] = this.dimensions;
    const callSignal = signal ?? new AbortController().signal;
    const response = await this.#endpoint.post('/embeddings', body, callSignal, 'application/json');
    const url = this.#endpoint.safeUrlOf('/embeddings');
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (callSignal.aborted) throw abortReason(callSignal);
      throw error;
    }
    const mask = (raw: string): string => this.#endpoint.mask(raw);
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      throw new ProviderResponseError(url, 'the response body is not JSON', mask(text), { cause: error });
    }
    const record = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
    if (record['error'] !== undefined && record['error'] !== null) {
      throw streamError({ url, status: response.status, mask }, text, record);
    }
    const data = record['data'];
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new ProviderResponseError(url, `expected "data" with ${input.length} embedding(s)`, mask(text));
    }
    const vectors = new Array<number[]>(input.length);
    data.forEach((entry: unknown, position) => {
      const { embedding, index } = (entry ?? {}) as { embedding?: unknown; index?: unknown };
      const at = typeof index === 'number' ? index : position;
      if (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number') || at < 0 || at >= input.length) {
        throw new ProviderResponseError(url, `data[${position}] is not an embedding (a list of numbers)`, mask(text));
      }
      vectors[at] = embedding;
    });
    // `new Array(n)` has holes, which some() would skip: look at every position.
    if (Array.from(vectors).includes(undefined as unknown as number[])) {
      throw new ProviderResponseError(url, 'two embeddings have the same index', mask(text));
    }
    return vectors;
  }
}
