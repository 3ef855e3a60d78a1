import type { Document } from '../documents/Document.js';
import type { AIMessage } from '../messages/AIMessage.js';
import type { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';

/** The fields every stream event has, whatever its kind. */
export interface StreamEventBase<E extends string, D> {
  /** The event name, e.g. `on_chat_model_stream`; narrowing on it types `data`. */
  readonly event: E;
  /** The run's name, or the custom event's name. */
  readonly name: string;
  /** The id of the run the event belongs to (the dispatching run for custom events). */
  readonly run_id: string;
  /** The ids of the run's ancestors, root first (always `[]` in v1). */
  readonly parent_ids: readonly string[];
  /** The run's tags. */
  readonly tags: readonly string[];
  /** The run's metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The event's payload. */
  readonly data: D;
}

/** A start payload: the run's input when it is known at its start (a streaming step's start has none). */
export interface StartData<In> extends StreamEventData {
  /** The run's input. */
  readonly input?: In;
}

/** A stream payload: one output chunk. */
export interface ChunkData<C> extends StreamEventData {
  /** The chunk the run produced. */
  readonly chunk: C;
}

/** An end payload: the aggregated input and output. */
export interface EndData<In, Out> extends StreamEventData {
  /** The run's aggregated input. */
  readonly input: In;
  /** The run's aggregated output. */
  readonly output: Out;
}

/** An error payload: the input seen so far and the error (`JSON.stringify` writes it as `{ name, message, cause? }`). */
export interface ErrorData<In> extends StreamEventData {
  /** The input the run had seen. */
  readonly input: In;
  /** Why the run failed. */
  readonly error: Error;
}

/** How a chat model's events report its input: one conversation, as LangChain's do. */
export interface ChatModelEventInput {
  /** The conversations (one) of the call. */
  readonly messages: readonly (readonly BaseMessage[])[];
}

/** What a prompt template's end event reports: a chat or string prompt value. */
export interface PromptValueLike {
  /** The prompt as messages. */
  toChatMessages(): BaseMessage[];
  /** The prompt as text. */
  toString(): string;
}

/**
 * A generation chunk on an `on_llm_*` event: a text model's `{ text }`, or (v1) a chat
 * model's chunk with its message, as LangChain reports them.
 */
export interface ChatGenerationChunkLike {
  /** The chunk's text. */
  readonly text: string;
  /** The message chunk, for a chat model's run. */
  readonly message?: AIMessageChunk | undefined;
}

/** The four events of one run type whose chunk, input and output types are known. */
type RunEvents<T extends string, In, C, Out> =
  | StreamEventBase<`on_${T}_start`, StartData<In>>
  | StreamEventBase<`on_${T}_stream`, ChunkData<C>>
  | StreamEventBase<`on_${T}_end`, EndData<In, Out>>
  | StreamEventBase<`on_${T}_error`, ErrorData<In>>;

/** Events of chat model runs (v2): chunks are `AIMessageChunk`s, the output their aggregate. */
export type ChatModelStreamEvent = RunEvents<
  'chat_model',
  ChatModelEventInput,
  AIMessageChunk,
  AIMessageChunk | AIMessage
>;

/** Events of `llm` runs (text models, and chat models in v1): generation chunks, and `{ generations, llmOutput }` at the end. */
export type LlmStreamEvent = RunEvents<
  'llm',
  unknown,
  ChatGenerationChunkLike | string,
  { readonly generations: readonly (readonly ChatGenerationChunkLike[])[]; readonly llmOutput: unknown }
>;

/** Events of prompt template runs: the variables in, a prompt value out. */
export type PromptStreamEvent = RunEvents<
  'prompt',
  Readonly<Record<string, unknown>>,
  PromptValueLike,
  PromptValueLike
>;

/** Events of retriever runs: `{ query }` in, documents out. */
export type RetrieverStreamEvent = RunEvents<'retriever', { readonly query: string }, Document[], Document[]>;

/**
 * Events of chain runs (sequences, maps, lambdas, passthroughs, bindings), parser runs
 * and tool runs. Their chunks are whatever the step produces; with more than one such
 * step in a run the event name cannot say which, so `C` is the run's output type only
 * when you have filtered the events down to runs of that type.
 */
export type ChainStreamEvent<C = unknown> = RunEvents<'chain', unknown, C, C>;

/** Events of parser runs; see `ChainStreamEvent` for `C`. */
export type ParserStreamEvent<C = unknown> = RunEvents<'parser', unknown, C, C>;

/** Events of tool runs: the tool's input in, its result out. */
export type ToolStreamEvent = RunEvents<'tool', unknown, unknown, unknown>;

/** A custom event (`dispatchCustomEvent`), v2 only; `name` is the custom event's name, `data` the dispatched payload. */
export type CustomStreamEvent = StreamEventBase<'on_custom_event', StreamEventData>;

/**
 * One event of `streamEvents` / `events$`, in LangChain's v2 (or v1) shape: a union
 * discriminated by `event`, so that `if (e.event === 'on_chat_model_stream')` gives
 * `e.data.chunk: AIMessageChunk`.
 *
 * - `event`: `on_<type>_<start|stream|end|error>` for `chain`, `prompt`, `parser`,
 *   `chat_model`, `llm`, `tool` and `retriever` runs, or `on_custom_event`;
 * - `name`: the run's name (the custom event's name for `on_custom_event`);
 * - `run_id`, `parent_ids`: the run and its ancestors, root first (`[]` for the root);
 * - `data`: `{ input }` on start (when the run has its input), `{ chunk }` on stream,
 *   `{ input, output }` on end, `{ input, error }` on error, the payload for custom events.
 *
 * @typeParam C - the chunk and output type of chain and parser events (see `ChainStreamEvent`).
 *
 * @example
 * ```ts
 * import { StringOutputParser, type StreamEvent } from 'rxchain';
 * import { ScriptedChatModel } from 'rxchain/testing';
 *
 * const chain = new ScriptedChatModel({ responses: ['Hi there'] }).pipe(new StringOutputParser());
 * const tokens: string[] = [];
 * for await (const event of chain.streamEvents('hello', { version: 'v2' })) {
 *   if (event.event === 'on_chat_model_stream') tokens.push(event.data.chunk.text);
 * }
 * const first: StreamEvent | undefined = undefined;
 * console.log(tokens, first); // => ['Hi', ' there'], undefined
 * ```
 */
export type StreamEvent<C = unknown> =
  | ChatModelStreamEvent
  | LlmStreamEvent
  | PromptStreamEvent
  | RetrieverStreamEvent
  | ChainStreamEvent<C>
  | ParserStreamEvent<C>
  | ToolStreamEvent
  | CustomStreamEvent;

/** The payload of a stream event, whatever its kind (what `event.data` is before narrowing). */
export interface StreamEventData {
  /** The run's input (start, when known; end; error). */
  readonly input?: unknown;
  /** The chunk a run produced (stream). */
  readonly chunk?: unknown;
  /** The run's aggregated output (end). */
  readonly output?: unknown;
  /** Why the run failed (error). */
  readonly error?: unknown;
  readonly [key: string]: unknown;
}

/** Filters for `streamEvents`, `events$` and `streamLog`, as in LangChain. */
export interface StreamEventFilters {
  /** Keep runs with one of these names. */
  includeNames?: readonly string[] | undefined;
  /** Keep runs of one of these types (`chain`, `prompt`, `parser`, `chat_model`, `llm`, `tool`, `retriever`). */
  includeTypes?: readonly string[] | undefined;
  /** Keep runs with one of these tags (tags are inherited by nested runs). */
  includeTags?: readonly string[] | undefined;
  /** Drop runs with one of these names. */
  excludeNames?: readonly string[] | undefined;
  /** Drop runs of one of these types. */
  excludeTypes?: readonly string[] | undefined;
  /** Drop runs with one of these tags. */
  excludeTags?: readonly string[] | undefined;
}

/** The event schema versions `streamEvents` speaks. */
export type StreamEventsVersion = 'v1' | 'v2';
