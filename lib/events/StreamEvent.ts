/**
 * One event of `streamEvents` / `events$`, in LangChain's v2 shape.
 *
 * - `event`: `on_<type>_<start|stream|end|error>` for `chain`, `prompt`, `parser`,
 *   `chat_model`, `llm`, `tool` and `retriever` runs, or `on_custom_event`;
 * - `name`: the run's name (the custom event's name for `on_custom_event`);
 * - `run_id`, `parent_ids`: the run and its ancestors, root first (`[]` for the root);
 * - `data`: `{ input }` on start (when the run has its input), `{ chunk }` on stream,
 *   `{ input, output }` on end, `{ input, error }` on error, the payload for custom events.
 */
export interface StreamEvent {
  /** The event name, e.g. `on_chat_model_stream`. */
  readonly event: string;
  /** The run's name, or the custom event's name. */
  readonly name: string;
  /** The id of the run the event belongs to (the dispatching run for custom events). */
  readonly run_id: string;
  /** The ids of the run's ancestors, root first. */
  readonly parent_ids: readonly string[];
  /** The run's tags. */
  readonly tags: readonly string[];
  /** The run's metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The event's payload. */
  readonly data: StreamEventData;
}

/** The payload of a stream event. */
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
