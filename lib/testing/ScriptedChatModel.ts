import {
  concatMap,
  defer,
  from,
  isObservable,
  map,
  type Observable,
  type SchedulerLike,
  throwError,
  timer,
} from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import { AIMessage } from '../messages/AIMessage.js';
import { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';
import { BaseChatModel, type ChatModelCallOptions } from '../models/BaseChatModel.js';

/** One scripted reply. */
export type ScriptedResponse =
  string | AIMessage | { readonly tokens: readonly (string | AIMessageChunk)[] } | Observable<string | AIMessageChunk>;

/** How a reply's text is cut into tokens. */
export type TokenSplit = 'char' | 'word' | 'none';

/** A call the model received. */
export interface ScriptedCall {
  /** The conversation it was given. */
  readonly messages: readonly BaseMessage[];
  /** Which call this was (0-based). */
  readonly index: number;
  /** The call options it received (bound tools, tool choice, stop sequences). */
  readonly options: ChatModelCallOptions;
}

/** Options of `ScriptedChatModel`. */
export interface ScriptedChatModelOptions {
  /** Replies by call index (cycled), or a function of the conversation and call index. */
  responses: readonly ScriptedResponse[] | ((messages: readonly BaseMessage[], index: number) => ScriptedResponse);
  /** How text replies are cut into tokens. @default 'word' */
  split?: TokenSplit | undefined;
  /** Time between tokens, in milliseconds of `scheduler` time; 0 emits synchronously. @default 0 */
  delay?: number | undefined;
  /** The scheduler delays run on (virtual time inside `TestScheduler.run`). @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
  /** Fail instead of emitting token number `token` (1-based), on every call or on call `call`. */
  failAt?:
    { readonly token: number; readonly error?: Error | undefined; readonly call?: number | undefined } | undefined;
  /** The model's name in events. @default 'ScriptedChatModel' */
  name?: string | undefined;
}

/**
 * A chat model that plays back scripted replies, token by token: no key, no network.
 * Replies may be text (cut per word or character), given tokens, messages with tool
 * calls, or Observables (for marble tests). Tokens can be spaced on an RxJS scheduler,
 * a failure can be injected at any token, and every call is recorded in `calls`.
 *
 * @example
 * ```ts
 * import { ScriptedChatModel } from 'rxchain/testing';
 *
 * const model = new ScriptedChatModel({ responses: ['Hello there!'] });
 * const tokens: string[] = [];
 * for await (const chunk of await model.stream('Hi')) tokens.push(chunk.text);
 * console.log(tokens, model.calls.length); // => ['Hello', ' there!'], 1
 * ```
 */
export class ScriptedChatModel extends BaseChatModel {
  /** The calls received so far. */
  readonly calls: ScriptedCall[] = [];
  readonly #options: ScriptedChatModelOptions;

  /**
   * @param options - the replies, splitting, timing and failures.
   */
  constructor(options: ScriptedChatModelOptions) {
    super();
    this.#options = options;
    if (options.name !== undefined) this.name = options.name;
  }

  protected override get defaultName(): string {
    return 'ScriptedChatModel';
  }

  protected _streamChunks(
    messages: BaseMessage[],
    _run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk> {
    return defer(() => {
      const index = this.calls.length;
      this.calls.push({ messages, index, options });
      const { responses, failAt } = this.#options;
      const response =
        typeof responses === 'function'
          ? responses(messages, index)
          : responses.length > 0
            ? responses[index % responses.length]
            : undefined;
      if (response === undefined) {
        return throwError(() => new Error('ScriptedChatModel has no responses: pass at least one in { responses }.'));
      }
      const id = response instanceof AIMessage && response.id !== undefined ? response.id : `scripted-${index + 1}`;
      let chunks$: Observable<AIMessageChunk> = isObservable(response)
        ? response.pipe(map((token) => toChunk(token, id)))
        : this.#paced(this.#tokens(response).map((token) => toChunk(token, id)));
      if (failAt !== undefined && (failAt.call === undefined || failAt.call === index)) {
        chunks$ = failAtToken(chunks$, failAt.token, failAt.error);
      }
      return chunks$;
    });
  }

  #tokens(response: Exclude<ScriptedResponse, Observable<unknown>>): (string | AIMessageChunk)[] {
    // A text reply always streams at least one chunk, so invoke() has a message to return.
    if (typeof response === 'string') return orEmptyToken(splitText(response, this.#options.split ?? 'word'));
    if ('tokens' in response) return [...response.tokens];
    const tokens: (string | AIMessageChunk)[] = splitText(response.text, this.#options.split ?? 'word');
    const hasMetadata =
      response.usage_metadata !== undefined ||
      Object.keys(response.response_metadata).length > 0 ||
      Object.keys(response.additional_kwargs).length > 0;
    if (response.tool_calls.length > 0 || hasMetadata) {
      // The message's tool calls, usage and metadata arrive on a last chunk, as providers send them.
      tokens.push(
        new AIMessageChunk({
          content: '',
          tool_call_chunks: response.tool_calls.map((call, i) => ({
            name: call.name,
            args: JSON.stringify(call.args),
            id: call.id,
            index: i,
            type: 'tool_call_chunk' as const,
          })),
          usage_metadata: response.usage_metadata,
          response_metadata: response.response_metadata,
          additional_kwargs: response.additional_kwargs,
        }),
      );
    }
    return orEmptyToken(tokens);
  }

  #paced(chunks: AIMessageChunk[]): Observable<AIMessageChunk> {
    const delay = this.#options.delay ?? 0;
    if (delay <= 0) return from(chunks);
    const scheduler = this.#options.scheduler;
    return from(chunks).pipe(
      concatMap((chunk) => (scheduler !== undefined ? timer(delay, scheduler) : timer(delay)).pipe(map(() => chunk))),
    );
  }
}

function orEmptyToken(tokens: (string | AIMessageChunk)[]): (string | AIMessageChunk)[] {
  return tokens.length > 0 ? tokens : [''];
}

function toChunk(token: string | AIMessageChunk, id: string): AIMessageChunk {
  if (typeof token !== 'string') return token.id === undefined ? new AIMessageChunk({ ...fieldsOf(token), id }) : token;
  return new AIMessageChunk({ content: token, id });
}

function fieldsOf(chunk: AIMessageChunk): ConstructorParameters<typeof AIMessageChunk>[0] & object {
  return {
    content: chunk.content,
    tool_call_chunks: chunk.tool_call_chunks,
    additional_kwargs: chunk.additional_kwargs,
    response_metadata: chunk.response_metadata,
    usage_metadata: chunk.usage_metadata,
    name: chunk.name,
  };
}

/**
 * Cuts text into tokens: per character, per word (spaces lead the word), or not at all.
 *
 * @example
 * ```ts
 * import { splitText } from 'rxchain/testing';
 *
 * console.log(splitText('Hi there', 'word')); // => ['Hi', ' there']
 * console.log(splitText('Hi', 'char')); // => ['H', 'i']
 * ```
 */
export function splitText(text: string, split: TokenSplit): string[] {
  if (text === '') return [];
  switch (split) {
    case 'none':
      return [text];
    case 'char':
      return Array.from(text);
    case 'word':
      return text.match(/\s*\S+|\s+$/g) ?? [text];
  }
}

function failAtToken(
  chunks$: Observable<AIMessageChunk>,
  token: number,
  error: Error | undefined,
): Observable<AIMessageChunk> {
  return defer(() => {
    let seen = 0;
    const failure = error ?? new Error(`Scripted failure at token ${token}.`);
    if (token <= 1) return throwError(() => failure);
    return chunks$.pipe(
      concatMap((chunk) => {
        seen++;
        return seen >= token ? throwError(() => failure) : [chunk];
      }),
    );
  });
}
