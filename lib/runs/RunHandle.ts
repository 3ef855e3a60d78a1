import { filter, lastValueFrom, map, type Observable } from 'rxjs';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator } from '../adapters/ObservableIterator.js';
import { recordRun } from '../core/internal/recordRun.js';
import type { RunSource } from '../core/lifecycle.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { lifecycleRecordOf } from '../core/RunEvent.js';
import { AbortError } from '../errors/AbortError.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { toStreamEvents } from '../events/streamEvents.js';
import type { StreamEvent, StreamEventFilters, StreamEventsVersion } from '../events/StreamEvent.js';
import type { ToolCall, UsageMetadata } from '../messages/toolCalls.js';
import type { RunLog, RunLogPatch } from '../runlog/RunLog.js';
import { toRunLogPatches, toRunLogs, type StreamLogOptions } from '../runlog/streamLog.js';
import { completeToolCalls, partialValues, textDeltas, totalUsage } from './projections.js';
import { RunReplay } from './RunReplay.js';

/** Options of a `RunHandle` (`runnable.start(input, config, options)`). */
export interface RunHandleOptions {
  /**
   * Keep the run going when every view has detached (until it ends or `cancel()`).
   * @default false: the run is cancelled when its last view detaches
   */
  keepAlive?: boolean | undefined;
  /**
   * How many records the handle keeps for views that attach after the run started. A view
   * attached later than that fails with an `InvalidArgumentError` naming this option.
   * @default 100000
   */
  replay?: number | undefined;
}

/**
 * One run of a runnable, with many views. Every view (`output`, `stream$`, `events$`,
 * `log$`, `text$`, `toolCalls$`, `partial$`, `usage$`) reads the same execution: the run
 * starts when the first view subscribes, each later view replays what it missed, and the
 * model is called once however many views there are. Unsubscribing a view only detaches
 * it; `cancel()` (or the config's signal) cancels the run, which ends every attached view
 * with an `AbortError`. The run is also cancelled when its last view detaches, unless
 * `keepAlive` is set.
 *
 * @typeParam O - the runnable's output chunk type.
 *
 * @example
 * ```ts
 * import { ChatPromptTemplate, StringOutputParser } from 'rxchain';
 * import { ScriptedChatModel } from 'rxchain/testing';
 * import { lastValueFrom, toArray } from 'rxjs';
 *
 * const model = new ScriptedChatModel({ responses: ['Hello there'] });
 * const chain = ChatPromptTemplate.fromTemplate('Greet {name}').pipe(model).pipe(new StringOutputParser());
 * const handle = chain.start({ name: 'Ada' });
 * const [text, events] = await Promise.all([
 *   lastValueFrom(handle.text$.pipe(toArray())),
 *   lastValueFrom(handle.events$().pipe(toArray())),
 * ]);
 * console.log(text, events.length > 0, await handle.output, model.calls.length); // => ['Hello', ' there'], true, 'Hello there', 1
 * ```
 */
export class RunHandle<O = unknown> {
  readonly #replay: RunReplay;
  #output: Promise<O> | undefined;

  /**
   * @param runnable - the runnable to run.
   * @param input - its input, or an Observable of input chunks.
   * @param config - the run's config.
   * @param options - `keepAlive`, and how many records to keep for late views.
   */
  constructor(runnable: RunSource<never, O>, input: unknown, config?: RunnableConfig, options: RunHandleOptions = {}) {
    const replay = options.replay ?? 100_000;
    if (!(Number.isInteger(replay) && replay > 0)) {
      throw new InvalidArgumentError('replay', `replay must be a positive whole number of records, got ${replay}.`);
    }
    this.#replay = new RunReplay(recordRun(runnable, input as never, config), replay, options.keepAlive === true);
  }

  /** `idle` before the first view, then `running`, and `done`, `failed` or `cancelled`. */
  get status(): 'idle' | 'running' | 'done' | 'failed' | 'cancelled' {
    return this.#replay.status;
  }

  /** The root run's id, once it started. */
  get runId(): string | undefined {
    return this.#replay.rootId;
  }

  /**
   * The run's output (what `invoke` returns), once it ends; rejects with its error. Reading
   * it attaches a view until the run ends.
   */
  get output(): Promise<O> {
    this.#output ??= lastValueFrom(
      this.#replay.records$.pipe(
        filter((record) => record.type === 'end' && record.run.runId === this.#replay.rootId),
        map((record) => (record.type === 'end' ? record.output : undefined) as O),
      ),
    );
    return this.#output;
  }

  /** The root run's output chunks, as `stream$` gives them. */
  get stream$(): Observable<O> {
    return this.#replay.records$.pipe(
      map(lifecycleRecordOf),
      filter((record) => record.type === 'stream' && record.run.runId === this.#replay.rootId),
      map((record) => (record.type === 'stream' ? record.chunk : undefined) as O),
    );
  }

  /**
   * The root run's output chunks as an async iterable (also a `ReadableStream`); `break`
   * detaches this view.
   * @returns the chunks.
   */
  stream(): IterableReadableStream<O> {
    return new IterableReadableStream(new ObservableIterator(this.stream$, { lazy: true }));
  }

  /**
   * The run's events, as `events$` gives them (v2 unless `version` says otherwise).
   * @param filters - keep or drop runs by name, type or tag.
   * @param version - the event schema. @default 'v2'
   * @returns the events.
   */
  events$(filters?: StreamEventFilters, version: StreamEventsVersion = 'v2'): Observable<StreamEvent> {
    return this.#replay.records$.pipe(toStreamEvents(version, filters));
  }

  /**
   * `events$` as an async iterable (also a `ReadableStream`); `break` detaches this view.
   * @param filters - keep or drop runs by name, type or tag.
   * @returns the events.
   */
  events(filters?: StreamEventFilters): IterableReadableStream<StreamEvent> {
    return new IterableReadableStream(new ObservableIterator(this.events$(filters), { lazy: true }));
  }

  /**
   * The run's log, as `log$` gives it: patches, or with `diff: false` the whole log after each.
   * @param options - `diff` and the clock's `scheduler`.
   * @param filters - which sub-runs get an entry.
   * @returns the patches (or logs).
   */
  log$(
    options: Pick<StreamLogOptions, 'diff' | 'scheduler'> = {},
    filters?: StreamEventFilters,
  ): Observable<RunLogPatch | RunLog> {
    const patches$ = this.#replay.records$.pipe(toRunLogPatches(filters, options.scheduler));
    return options.diff === false ? patches$.pipe(toRunLogs()) : patches$;
  }

  /** The text the run's models stream, delta by delta. */
  get text$(): Observable<string> {
    return this.#replay.records$.pipe(textDeltas());
  }

  /** Each tool call the run's chat models make, once, complete and parsed. */
  get toolCalls$(): Observable<ToolCall> {
    return this.#replay.records$.pipe(completeToolCalls());
  }

  /**
   * The partial values the run's JSON parsers stream, or with `diff` the JSON Patch
   * operations from one to the next.
   * @param options - `diff: true` for patches.
   * @returns the values (or patches).
   */
  partial$(options: { diff?: boolean | undefined } = {}): Observable<unknown> {
    return this.#replay.records$.pipe(partialValues(options.diff === true));
  }

  /** The token usage of the run's model calls, added up, once, when the run ends. */
  get usage$(): Observable<UsageMetadata> {
    return this.#replay.records$.pipe(totalUsage());
  }

  /**
   * Cancels the run (the model's request is aborted); every attached view ends with an
   * `AbortError`, and so does every view attached later. Nothing happens once it ended.
   * @param reason - why, for the error's message.
   */
  cancel(reason = 'The run was cancelled.'): void {
    this.#replay.cancel(new AbortError(reason));
  }
}
