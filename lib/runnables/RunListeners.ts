import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunType } from '../core/RunEvent.js';

/**
 * A run as `withListeners` reports it, with LangChain.js's tracer field names: `inputs`
 * and `outputs` are objects (a value that is not a plain object comes as `{ input }` /
 * `{ output }`; a chat model's as `{ messages: [[...]] }` / `{ generations: [[{ text,
 * message }]] }`), `error` is the error's message, times are in milliseconds of the
 * async scheduler's clock.
 */
export interface Run {
  /** The run's id (its events' `run_id`). */
  readonly id: string;
  /** The run's name. */
  readonly name: string;
  /** The kind of component. */
  readonly run_type: RunType;
  /** The parent run's id, if the run has one. */
  readonly parent_run_id?: string | undefined;
  /** The run's own tags (given in its config). */
  readonly tags: readonly string[];
  /** The metadata given in its config. */
  readonly extra: { readonly metadata: Readonly<Record<string, unknown>> };
  /** The input. */
  inputs: Record<string, unknown>;
  /** The aggregated output, once the run ended. */
  outputs?: Record<string, unknown> | undefined;
  /** The error's message, if the run failed. */
  error?: string | undefined;
  /** When the run started. */
  readonly start_time: number;
  /** When the run ended or failed. */
  end_time?: number | undefined;
}

/** A listener: called with the run and the run's config; a returned Promise is awaited. */
export type RunListener = (run: Run, config: RunnableConfig) => void | Promise<void>;

/** The listeners of `withListeners`, as in LangChain.js. */
export interface RunListeners {
  /**
   * Called when the run starts, before the runnable runs. Its `inputs` are the input when
   * the caller gave it whole (`invoke`, `stream`, a branch); for a step fed chunk by chunk
   * by the step before it they are `{}` here, and complete in `onEnd` and `onError`.
   */
  onStart?: RunListener | undefined;
  /** Called when the run ended, with its aggregated output, before the run completes. */
  onEnd?: RunListener | undefined;
  /** Called when the run failed, before the error is passed on. */
  onError?: RunListener | undefined;
}
