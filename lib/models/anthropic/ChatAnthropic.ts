import { concat, defer, EMPTY, mergeMap, type Observable, of, tap, throwError } from 'rxjs';
import type * as z from 'zod';
import type { RunContext } from '../../core/RunContext.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { ProviderResponseError } from '../../errors/ProviderResponseError.js';
import { AIMessageChunk } from '../../messages/AIMessageChunk.js';
import type { BaseMessage } from '../../messages/BaseMessage.js';
import type { RunnableSequence } from '../../runnables/RunnableSequence.js';
import { BaseChatModel, type ChatModelCallOptions, type ChatModelInput } from '../BaseChatModel.js';
import { forcedToolOutput } from '../internal/forcedToolOutput.js';
import { httpCall$ } from '../internal/httpCall.js';
import { retryEventData } from '../internal/httpRetry.js';
import { dispatchCustomEvent } from '../../core/dispatchCustomEvent.js';
import { AnthropicChunkMapper } from './anthropicChunks.js';
import { anthropicEvents$ } from './anthropicEventStream.js';
import { AnthropicEndpoint, type AnthropicEndpointOptions } from './anthropicHttp.js';
import { messagesToAnthropic, toolChoiceToAnthropic, toolToAnthropic } from './messagesToAnthropic.js';

/** Options of `ChatAnthropic`. */
export interface ChatAnthropicOptions extends AnthropicEndpointOptions {
  /** The model to ask for (`claude-sonnet-4-5`, `claude-haiku-4-5`...). */
  model: string;
  /** The most tokens to generate (`max_tokens`, which the API requires). @default 4096 */
  maxTokens?: number | undefined;
  /** Sampling temperature; the API's default when absent. */
  temperature?: number | undefined;
  /** Nucleus sampling (`top_p`); the API's default when absent. */
  topP?: number | undefined;
  /** Top-k sampling (`top_k`); the API's default when absent. */
  topK?: number | undefined;
  /** Sequences that end the generation (`stop_sequences`; a call's `stop` option replaces them). */
  stop?: readonly string[] | undefined;
  /** Extended thinking, e.g. `{ type: 'enabled', budget_tokens: 2048 }`; off when absent. */
  thinking?: Readonly<Record<string, unknown>> | undefined;
  /** Other body fields sent with every request (`metadata`, `service_tier`...). */
  modelKwargs?: Readonly<Record<string, unknown>> | undefined;
  /** The name its runs report. @default 'ChatAnthropic' */
  name?: string | undefined;
}

/** The default `max_tokens`. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * A chat model behind Anthropic's Messages API, streamed over `fetch` and server-sent
 * events. It POSTs to `${baseURL}/v1/messages` with `stream: true`, the `x-api-key`
 * (option or `ANTHROPIC_API_KEY`) and `anthropic-version` headers. Text deltas become
 * `AIMessageChunk` content, `tool_use` blocks become `tool_call_chunks` whose `args`
 * stream from `input_json_delta`, a `thinking` block becomes one content part, and the
 * usage of `message_start` and `message_delta` (cache tokens included) becomes
 * `usage_metadata`, with `stop_reason` in `response_metadata`.
 *
 * System messages go to the top-level `system` field, tool messages become `tool_result`
 * blocks, and consecutive messages of one role are merged. A retryable failure before the
 * first chunk (408, 409, 429, 5xx, 529, a network failure, an `overloaded_error` event)
 * is retried `maxRetries` times (default 2), after the server's `retry-after` or an
 * exponential backoff with jitter, and dispatched as an `http_retry` custom event
 * (`{ attempt, delayMs, status, message }`); an `error` event after chunks were delivered surfaces
 * as an `ApiCallError` after them. Unsubscribing, `break`, the config's `signal` or
 * `timeout` abort the request at once.
 *
 * @example
 * ```ts
 * import { ChatAnthropic } from 'rxchain';
 * import { createAnthropicServer } from 'rxchain/testing';
 *
 * const server = await createAnthropicServer([{ text: ['Hello', ' there', '!'], usage: { input: 9, output: 3 } }]);
 * const model = new ChatAnthropic({ baseURL: server.url, apiKey: 'test-key', model: 'claude-sonnet-4-5' });
 * const tokens: string[] = [];
 * for await (const chunk of await model.stream('Say hello')) tokens.push(chunk.text);
 * console.log(tokens); // => ['Hello', ' there', '!', '']
 * console.log((await model.invoke('Say hello')).usage_metadata?.total_tokens); // => 12
 * await server.close();
 * ```
 */
export class ChatAnthropic extends BaseChatModel {
  /** The model asked for. */
  readonly model: string;
  /** The token limit sent as `max_tokens`. */
  readonly maxTokens: number;
  /** The sampling temperature, if set. */
  readonly temperature: number | undefined;
  /** The default stop sequences, if set. */
  readonly stop: readonly string[] | undefined;
  readonly #topP: number | undefined;
  readonly #topK: number | undefined;
  readonly #thinking: Readonly<Record<string, unknown>> | undefined;
  readonly #endpoint: AnthropicEndpoint;
  readonly #modelKwargs: Readonly<Record<string, unknown>>;

  /**
   * @param options - where the API is, the model, and its sampling options.
   */
  constructor(options: ChatAnthropicOptions) {
    super();
    if (typeof options.model !== 'string' || options.model.trim() === '') {
      throw new InvalidArgumentError('model', 'Pass the model to ask for, e.g. { model: "claude-sonnet-4-5" }.');
    }
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (!Number.isInteger(maxTokens) || maxTokens < 1) {
      throw new InvalidArgumentError('maxTokens', `maxTokens must be a positive integer, got ${String(maxTokens)}.`);
    }
    this.#endpoint = new AnthropicEndpoint(options);
    this.model = options.model;
    this.maxTokens = maxTokens;
    this.temperature = options.temperature;
    this.stop = options.stop;
    this.#topP = options.topP;
    this.#topK = options.topK;
    this.#thinking = options.thinking;
    this.#modelKwargs = options.modelKwargs ?? {};
    if (options.name !== undefined) this.name = options.name;
  }

  protected override get defaultName(): string {
    return 'ChatAnthropic';
  }

  protected override get lsParams(): Readonly<Record<string, unknown>> {
    const params: Record<string, unknown> = {
      ls_provider: 'anthropic',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_max_tokens: this.maxTokens,
    };
    if (this.temperature !== undefined) params['ls_temperature'] = this.temperature;
    if (this.stop !== undefined) params['ls_stop'] = [...this.stop];
    return params;
  }

  /**
   * This model asked to answer with a value matching `schema`, through a forced tool call
   * (`tool_choice: { type: 'tool' }`): the call's arguments, validated by `schema`, are the
   * answer; a mismatch fails with an `OutputParserException`.
   *
   * @param schema - the zod schema of the answer.
   * @param options - the sequence's run name. @default 'StructuredOutput'
   * @returns a runnable from the model's input to the parsed value.
   */
  override withStructuredOutput<S extends z.ZodType>(
    schema: S,
    options?: { name?: string | undefined },
  ): RunnableSequence<ChatModelInput, z.infer<S>> {
    return forcedToolOutput(this, schema, options?.name ?? 'StructuredOutput');
  }

  protected _streamChunks(
    messages: BaseMessage[],
    run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk> {
    return defer(() => {
      const body = this.#requestBody(messages, options);
      return httpCall$(
        run.signal,
        this.#endpoint.retry,
        (signal) => this.#endpoint.post('/v1/messages', body, signal),
        (response) => this.#reply(response),
        (notice) => dispatchCustomEvent('http_retry', retryEventData(notice), run),
      );
    });
  }

  /** The JSON body of a Messages API request. */
  #requestBody(messages: readonly BaseMessage[], options: ChatModelCallOptions): Record<string, unknown> {
    const { system, messages: turns } = messagesToAnthropic(messages);
    const body: Record<string, unknown> = { model: this.model, max_tokens: this.maxTokens };
    if (this.temperature !== undefined) body['temperature'] = this.temperature;
    if (this.#topP !== undefined) body['top_p'] = this.#topP;
    if (this.#topK !== undefined) body['top_k'] = this.#topK;
    if (this.#thinking !== undefined) body['thinking'] = this.#thinking;
    const stop = options.stop ?? this.stop;
    if (stop !== undefined && stop.length > 0) body['stop_sequences'] = [...stop];
    Object.assign(body, this.#modelKwargs);
    if (system !== undefined) body['system'] = system;
    body['messages'] = turns;
    if (options.tools !== undefined && options.tools.length > 0) body['tools'] = options.tools.map(toolToAnthropic);
    if (options.toolChoice !== undefined) body['tool_choice'] = toolChoiceToAnthropic(options.toolChoice);
    body['stream'] = true;
    return body;
  }

  /** The streamed reply of a response. */
  #reply(response: Response): Observable<AIMessageChunk> {
    const url = this.#endpoint.safeUrlOf('/v1/messages');
    const bodyStream = response.body;
    if (bodyStream === null) return throwError(() => new ProviderResponseError(url, 'the response has no body'));
    const mapper = new AnthropicChunkMapper();
    const mask = (text: string): string => this.#endpoint.mask(text);
    let emitted = false;
    const chunks$ = anthropicEvents$(bodyStream, { url, status: response.status, mask }).pipe(
      mergeMap((event) => {
        const chunk = mapper.push(event);
        return chunk === undefined ? EMPTY : of(chunk);
      }),
    );
    // A reply always has a message, even an empty one, so invoke() has something to return.
    const last$ = defer(() => (emitted ? EMPTY : of(new AIMessageChunk(''))));
    return concat(chunks$, last$).pipe(
      tap(() => {
        emitted = true;
      }),
    );
  }
}
