import type { RunType } from '../core/RunEvent.js';

/**
 * A failed run's error in the run log: its name and message, so that the log stays
 * plain JSON (the stream itself rejects with the original error object).
 *
 * @example
 * ```ts
 * import type { LoggedError } from 'rxchain';
 *
 * const error: LoggedError = { name: 'TypeError', message: 'x is undefined' };
 * console.log(`${error.name}: ${error.message}`); // => 'TypeError: x is undefined'
 * ```
 */
export interface LoggedError {
  /** The error's `name` (`Error`, `TypeError`, `TimeoutError`, ...). */
  readonly name: string;
  /** The error's message. */
  readonly message: string;
}

/**
 * One sub-run in the run log (`state.logs[key]`), keyed by the run's name (`name:2`,
 * `name:3` for later runs of the same name).
 *
 * @example
 * ```ts
 * import { RunnableLambda, RunnableSequence, RunLog, type LogEntry } from 'rxchain';
 *
 * const chain = RunnableSequence.from([
 *   RunnableLambda.from(function trim(x: string) {
 *     return x.trim();
 *   }, { name: 'trim' }),
 *   (x: string) => x.length,
 * ]);
 * let log: RunLog | undefined;
 * for await (const patch of chain.streamLog(' hi ')) log = log === undefined ? RunLog.fromRunLogPatch(patch) : log.concat(patch);
 * const entry: LogEntry | undefined = log?.state.logs['trim'];
 * console.log(entry?.type, entry?.inputs, entry?.final_output, entry?.streamed_output); // => 'chain', ' hi ', 'hi', ['hi']
 * ```
 */
export interface LogEntry {
  /** The run's id. */
  readonly id: string;
  /** The run's name. */
  readonly name: string;
  /** The kind of component (`chain`, `prompt`, `parser`, `chat_model`, `llm`, `tool`, `retriever`). */
  readonly type: RunType;
  /** The run's tags, inherited ones included. */
  readonly tags: readonly string[];
  /** The run's metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** When the run started: an ISO 8601 string, from the scheduler's clock. */
  readonly start_time: string;
  /** Every chunk the run produced, in order. */
  readonly streamed_output: readonly unknown[];
  /** For `llm` and `chat_model` runs, the text of every chunk; empty for other runs. */
  readonly streamed_output_str: readonly string[];
  /**
   * The run's input: on the entry from the start when the run had its whole input then
   * (a prompt, a model, a plain function), added at the end otherwise (a step that
   * streams over its input).
   */
  readonly inputs?: unknown;
  /** The run's aggregated output (what `invoke` would return), set when it ends. */
  readonly final_output?: unknown;
  /** When the run ended or failed: an ISO 8601 string. */
  readonly end_time?: string | undefined;
  /** Why the run failed, if it did. */
  readonly error?: LoggedError | undefined;
}

/**
 * The state a run log builds: the root run's identity, its output chunks and final
 * output, and one `LogEntry` per sub-run under `logs`.
 *
 * @example
 * ```ts
 * import { RunnableLambda, RunLog, type RunState } from 'rxchain';
 *
 * const shout = RunnableLambda.from(function shout(x: string) {
 *   return x.toUpperCase();
 * }, { name: 'shout' });
 * let log: RunLog | undefined;
 * for await (const patch of shout.streamLog('hey')) log = log === undefined ? RunLog.fromRunLogPatch(patch) : log.concat(patch);
 * const state: RunState | undefined = log?.state;
 * console.log(state?.name, state?.type, state?.streamed_output, state?.final_output); // => 'shout', 'chain', ['HEY'], 'HEY'
 * ```
 */
export interface RunState {
  /** The root run's id. */
  readonly id: string;
  /** The root run's name. */
  readonly name: string;
  /** The root run's kind. */
  readonly type: RunType;
  /** Every chunk the root run produced (what `stream()` yields), in order. */
  readonly streamed_output: readonly unknown[];
  /** The root's aggregated output (what `invoke` returns), set once, when it ends. */
  readonly final_output?: unknown;
  /** The sub-runs, by key. */
  readonly logs: Readonly<Record<string, LogEntry>>;
  /** Why the root run failed, if it did. */
  readonly error?: LoggedError | undefined;
}
