/**
 * The config keys a client may send in a request's `config`: `tags`, `metadata`,
 * `runName`, and `configurable` when the server allows it. Everything else a client
 * sends in `config` (a signal, callbacks, a run id, a timeout...) is dropped.
 */
export type ClientConfigKey = 'tags' | 'metadata' | 'runName' | 'configurable';

/** The `config` of a request body: the client's part of the run's config. */
export interface ClientConfig {
  /** Tags for the run and every run nested in it. */
  tags?: string[];
  /** Metadata for the run and every run nested in it (the server's own keys win). */
  metadata?: Record<string, unknown>;
  /** The name the root run reports. */
  runName?: string;
  /** Values for runnables to read at run time (only if the server allows it). */
  configurable?: Record<string, unknown>;
}

/** The body of `POST /invoke` and `POST /stream` (LangServe's shape). */
export interface InvokeRequest<I = unknown> {
  /** The run's input (JSON; messages as their `toJSON()` form). */
  input: I;
  /** The client's part of the config. */
  config?: ClientConfig;
  /** Accepted for LangServe compatibility, and ignored. */
  kwargs?: Record<string, unknown>;
}

/** The answer of `POST /invoke`. */
export interface InvokeResponse<O = unknown> {
  /** The run's output (the aggregate of its chunks). */
  output: O;
  /** The root run's id. */
  metadata: { run_id: string };
}

/** The body of `POST /batch`. */
export interface BatchRequest<I = unknown> {
  /** One input per run. */
  inputs: I[];
  /** One config for all runs, or one per input. */
  config?: ClientConfig | ClientConfig[];
  /** Accepted for LangServe compatibility, and ignored. */
  kwargs?: Record<string, unknown>;
}

/** The answer of `POST /batch`. */
export interface BatchResponse<O = unknown> {
  /** The outputs, in the order of the inputs. */
  output: O[];
  /** The root run id of each input's run. */
  metadata: { run_ids: string[] };
}

/** The body of `POST /stream_events` and `POST /stream_log`: an invoke body plus LangServe's filters. */
export interface StreamEventsRequest<I = unknown> extends InvokeRequest<I> {
  /** The event schema (LangChain.js's client sends it as `kwargs.version`). @default "v2" */
  version?: 'v1' | 'v2';
  /** For `/stream_log`: accepted, and the frames are patches either way, as LangServe sends them. */
  diff?: boolean;
  /** Keep runs with one of these names. */
  include_names?: string[];
  /** Keep runs of one of these types. */
  include_types?: string[];
  /** Keep runs with one of these tags. */
  include_tags?: string[];
  /** Drop runs with one of these names. */
  exclude_names?: string[];
  /** Drop runs of one of these types. */
  exclude_types?: string[];
  /** Drop runs with one of these tags. */
  exclude_tags?: string[];
}

/** The JSON body of every error answer (4xx, and 500 for a failed `/invoke` or `/batch`). */
export interface ErrorResponse {
  /** What went wrong: for a failed run, the error's name, message and failing run's name. */
  error: { name: string; message: string; run_name?: string };
  /** For a 422: zod's issues, with paths into the request body (`["input", "topic"]`). */
  issues?: unknown[];
  /** For a 422, FastAPI's form of the problems: `{ type, loc: ["body", ...path], msg, input }`. */
  detail?: unknown[];
}

/** The `fetch` a `RemoteRunnable` calls: `globalThis.fetch` or one with the same shape. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** The routes a served runnable answers, under its base path. */
export const ROUTES = {
  invoke: 'POST',
  batch: 'POST',
  stream: 'POST',
  stream_events: 'POST',
  stream_log: 'POST',
  input_schema: 'GET',
  output_schema: 'GET',
  config_schema: 'GET',
  playground: 'GET',
  feedback: 'POST',
} as const;

/** One of the served routes. */
export type Route = keyof typeof ROUTES;
