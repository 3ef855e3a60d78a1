import { concat, defer, EMPTY, from, map, mergeMap, type Observable, of, tap, throwError } from 'rxjs';
import type { RunContext } from '../../core/RunContext.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import type { BaseMessage } from '../../messages/BaseMessage.js';
import { BaseChatModel, type ChatModelCallOptions } from '../BaseChatModel.js';
import { messagesToOpenAI, toolChoiceToOpenAI } from './messagesToOpenAI.js';
import { chunkFromStreamPayload, messageFromCompletion } from './openaiChunks.js';
import { openAIStreamPayloads$, streamError, type StreamSource } from './openaiEventStream.js';
import { OpenAIEndpoint, type OpenAIEndpointOptions } from './openaiHttp.js';
import { providerOfHost } from './providerOfHost.js';
import { httpCall$ } from '../internal/httpCall.js';
import { retryEventData } from '../internal/httpRetry.js';
import { dispatchCustomEvent } from '../../core/dispatchCustomEvent.js';

/** Options of `ChatOpenAICompatible` (and `ChatOpenAI`). */
export interface ChatOpenAICompatibleOptions extends OpenAIEndpointOptions {
  /** The model to ask for (`gpt-4o-mini`, `llama3.2`, a deployment name...). */
  model: string;
  /** Sampling temperature; the server's default when absent. */
  temperature?: number | undefined;
  /** The most tokens to generate (`max_tokens`); the server's default when absent. */
  maxTokens?: number | undefined;
  /** Sequences that end the generation (a call's `stop` option replaces them). */
  stop?: readonly string[] | undefined;
  /**
   * Stream every reply (`stream: true`, server-sent events), also under `invoke`; `false`
   * asks for whole replies (`stream: false`), emitted as one chunk. @default true
   */
  streaming?: boolean | undefined;
  /** Ask for token usage at the end of a stream (`stream_options.include_usage`). @default true */
  streamUsage?: boolean | undefined;
  /** Other body fields sent with every request (`top_p`, `seed`, `response_format`...). */
  modelKwargs?: Readonly<Record<string, unknown>> | undefined;
  /** `ls_provider` in run metadata. @default derived from the base URL's host ('openai' if unknown) */
  provider?: string | undefined;
  /** The name its runs report. @default the class name */
  name?: string | undefined;
}

/**
 * A chat model behind any OpenAI-compatible Chat Completions API (OpenAI, Azure OpenAI,
 * Groq, Together, Ollama, vLLM, llama.cpp...), streamed over `fetch` and server-sent
 * events. It POSTs to `${baseURL}/chat/completions` with `stream: true`; text deltas
 * become `AIMessageChunk` content, tool-call deltas become `tool_call_chunks`, the last
 * usage chunk becomes `usage_metadata`, and `finish_reason` and the model name go to
 * `response_metadata`.
 *
 * Every call is one request and one subscription: unsubscribing, `break`, the config's
 * `signal` or `timeout` abort it at once. A retryable failure before the first chunk
 * (408, 409, 429, 5xx, a network failure) is retried `maxRetries` times (default 2), after
 * the server's `retry-after` or an exponential backoff with jitter, and each retry is
 * dispatched as an `http_retry` custom event. HTTP failures raise
 * `ApiCallError` (with `status`, `isRetryable` and `attempts`); answers outside the
 * protocol raise `ProviderResponseError`.
 * It streams under `invoke` too (so event listeners see tokens and `invoke` returns the
 * same aggregate either way); `streaming: false` asks for whole replies instead.
 *
 * @example
 * ```ts
 * import { ChatOpenAICompatible } from 'rxchain';
 *
 * // OPENAI_BASE_URL points at a local OpenAI-compatible server (Ollama, vLLM, a test server...).
 * const model = new ChatOpenAICompatible({ baseURL: process.env.OPENAI_BASE_URL, model: 'llama3.2', temperature: 0 });
 * const tokens: string[] = [];
 * for await (const chunk of await model.stream('Say hello')) tokens.push(chunk.text);
 * console.log(tokens.join('')); // => 'Hello! How can I help you today?'
 * ```
 */
export class ChatOpenAICompatible extends BaseChatModel {
  /** The model asked for. */
  readonly model: string;
  /** The sampling temperature, if set. */
  readonly temperature: number | undefined;
  /** The token limit, if set. */
  readonly maxTokens: number | undefined;
  /** The default stop sequences, if set. */
  readonly stop: readonly string[] | undefined;
  /** Whether replies are streamed. */
  readonly streaming: boolean;
  /** Whether streamed replies end with a usage chunk. */
  readonly streamUsage: boolean;
  /** `ls_provider` in run metadata. */
  readonly provider: string;
  readonly #endpoint: OpenAIEndpoint;
  readonly #modelKwargs: Readonly<Record<string, unknown>>;

  /**
   * @param options - where the API is, the model, and its sampling options.
   */
  constructor(options: ChatOpenAICompatibleOptions) {
    super();
    if (typeof options.model !== 'string' || options.model.trim() === '') {
      throw new InvalidArgumentError(
        'model',
        'Pass the model to ask for, e.g. { model: "gpt-4o-mini" } or { model: "llama3.2" }.',
      );
    }
    this.#endpoint = new OpenAIEndpoint(options);
    this.model = options.model;
    this.temperature = options.temperature;
    this.maxTokens = options.maxTokens;
    this.stop = options.stop;
    this.streaming = options.streaming ?? true;
    this.streamUsage = options.streamUsage ?? true;
    this.provider = options.provider ?? providerOfHost(this.#endpoint.hostname, this.#endpoint.port);
    this.#modelKwargs = options.modelKwargs ?? {};
    if (options.name !== undefined) this.name = options.name;
  }

  protected override get defaultName(): string {
    return 'ChatOpenAICompatible';
  }

  protected override get lsParams(): Readonly<Record<string, unknown>> {
    const params: Record<string, unknown> = {
      ls_provider: this.provider,
      ls_model_name: this.model,
      ls_model_type: 'chat',
    };
    if (this.temperature !== undefined) params['ls_temperature'] = this.temperature;
    if (this.maxTokens !== undefined) params['ls_max_tokens'] = this.maxTokens;
    if (this.stop !== undefined) params['ls_stop'] = [...this.stop];
    return params;
  }

  protected _streamChunks(
    messages: BaseMessage[],
    run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk> {
    return defer(() => {
      const body = this.#requestBody(messages, options);
      const accept = this.streaming ? 'text/event-stream' : 'application/json';
      return httpCall$(
        run.signal,
        this.#endpoint.retry,
        (signal) => this.#endpoint.post('/chat/completions', body, signal, accept),
        (response) => this.#reply(response),
        (notice) => dispatchCustomEvent('http_retry', retryEventData(notice), run),
      );
    });
  }

  /** The JSON body of a Chat Completions request. */
  #requestBody(messages: readonly BaseMessage[], options: ChatModelCallOptions): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.model };
    if (this.temperature !== undefined) body['temperature'] = this.temperature;
    if (this.maxTokens !== undefined) body['max_tokens'] = this.maxTokens;
    const stop = options.stop ?? this.stop;
    if (stop !== undefined && stop.length > 0) body['stop'] = [...stop];
    Object.assign(body, this.#modelKwargs);
    body['messages'] = messagesToOpenAI(messages);
    if (options.tools !== undefined && options.tools.length > 0) body['tools'] = options.tools;
    if (options.toolChoice !== undefined) body['tool_choice'] = toolChoiceToOpenAI(options.toolChoice);
    body['stream'] = this.streaming;
    if (this.streaming && this.streamUsage) body['stream_options'] = { include_usage: true };
    return body;
  }

  /** The reply in a response: streamed chunks, or one chunk from a JSON completion. */
  #reply(response: Response): Observable<AIMessageChunk> {
    const url = this.#endpoint.safeUrlOf('/chat/completions');
    const mask = (text: string): string => this.#endpoint.mask(text);
    const type = response.headers.get('content-type') ?? '';
    // A server that ignores `stream: true` answers with a whole completion: accept it.
    if (!this.streaming || type.includes('application/json')) {
      return from(response.text()).pipe(map((text) => completionOf(text, url, response.status, mask)));
    }
    const bodyStream = response.body;
    if (bodyStream === null) return throwError(() => new ProviderResponseError(url, 'the response has no body'));
    let finished = false;
    // Chunks with only metadata (finish reason, usage) add up into one last chunk, so a
    // reply ends with a single empty token rather than one per metadata frame.
    let metadata: AIMessageChunk | undefined;
    let emitted = false;
    const source: StreamSource = { url, status: response.status, mask, mayEndWithoutDone: () => finished };
    const chunks$ = openAIStreamPayloads$(bodyStream, source).pipe(
      mergeMap((payload) => {
        const { chunk, finished: finishes } = chunkFromStreamPayload(payload);
        if (finishes) finished = true;
        if (chunk === undefined) return EMPTY;
        if (chunk.content === '' && chunk.tool_call_chunks.length === 0) {
          metadata = metadata === undefined ? chunk : metadata.concat(chunk);
          return EMPTY;
        }
        const held = metadata;
        metadata = undefined;
        return held !== undefined ? of(held, chunk) : of(chunk);
      }),
    );
    const last$ = defer(() => {
      // A reply always has a message, even an empty one, so invoke() has something to return.
      const last = metadata ?? (emitted ? undefined : new AIMessageChunk(''));
      metadata = undefined;
      return last !== undefined ? of(last) : EMPTY;
    });
    return concat(chunks$, last$).pipe(
      tap(() => {
        emitted = true;
      }),
    );
  }
}

function completionOf(text: string, url: string, status: number, mask: (text: string) => string): AIMessageChunk {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ProviderResponseError(url, 'the response body is not JSON', mask(text), { cause: error });
  }
  const record = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
  if (record?.['error'] !== undefined && record['error'] !== null)
    throw streamError({ url, status, mask }, text, record);
  return messageFromCompletion(payload, url, mask(text));
}
