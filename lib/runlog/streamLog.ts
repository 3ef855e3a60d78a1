import { asyncScheduler, defer, Observable, scan, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator } from '../adapters/ObservableIterator.js';
import { recordRun } from '../core/internal/recordRun.js';
import type { RunSource } from '../core/lifecycle.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunEvent } from '../core/RunEvent.js';
import { eventFilter } from '../events/eventFilter.js';
import type { StreamEventFilters } from '../events/StreamEvent.js';
import { RunLog, RunLogPatch } from './RunLog.js';
import { RunLogRecorder } from './internal/RunLogRecorder.js';

/**
 * Options of `streamLog` and `log$`: the run's config, plus how to report.
 *
 * @example
 * ```ts
 * import { RunnableLambda, type StreamLogOptions } from 'rxchain';
 *
 * const options: StreamLogOptions = { diff: false, tags: ['demo'] };
 * const echo = RunnableLambda.from(function echo(x: string) {
 *   return x;
 * }, { name: 'echo' });
 * const finals: unknown[] = [];
 * for await (const log of echo.streamLog('hi', options)) finals.push(log.state.final_output);
 * console.log(finals); // => [undefined, undefined, 'hi']
 * ```
 */
export interface StreamLogOptions extends RunnableConfig {
  /**
   * `true`: yield each `RunLogPatch` (the operations since the last one). `false`: yield
   * the whole `RunLog` so far after each patch.
   * @default true
   */
  diff?: boolean | undefined;
  /**
   * The clock of `start_time` and `end_time` (virtual time inside `TestScheduler.run`).
   * @default asyncScheduler
   */
  scheduler?: SchedulerLike | undefined;
}

/**
 * The run log of one run of `runnable`, as an Observable of patches (or of cumulative
 * logs with `diff: false`): a mapping of the run's lifecycle records. Cold; unsubscribing
 * cancels the run. If the run fails, the failed runs' entries record the error, then the
 * Observable errors with the original error.
 */
export function streamLog$<I, O>(
  runnable: RunSource<I, O>,
  input: I | Observable<I>,
  options: StreamLogOptions = {},
  filters?: StreamEventFilters,
): Observable<RunLogPatch> {
  const { diff, scheduler, ...config } = options;
  const patches$ = defer(() => recordRun(runnable, input, config)).pipe(toRunLogPatches(filters, scheduler));
  return diff === false ? patches$.pipe(toRunLogs()) : patches$;
}

/**
 * Maps a run's channel records to its run log: one `RunLogPatch` per record that changes
 * the log (the first record's run is the root; filtered sub-runs and custom events add
 * nothing). A fresh log per subscription.
 *
 * @param filters - which sub-runs get an entry (the root is always logged).
 * @param scheduler - the clock of `start_time` and `end_time`.
 * @returns the operator.
 */
export function toRunLogPatches(
  filters?: StreamEventFilters,
  scheduler?: SchedulerLike,
): OperatorFunction<RunEvent, RunLogPatch> {
  return (records$) =>
    new Observable<RunLogPatch>((subscriber) => {
      const clock = scheduler ?? asyncScheduler;
      const recorder = new RunLogRecorder(eventFilter(filters), () => new Date(clock.now()).toISOString());
      return records$.subscribe({
        next: (record) => {
          const ops = recorder.opsFor(record);
          if (ops.length > 0) subscriber.next(new RunLogPatch({ ops }));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

/** Folds patches into the whole `RunLog` after each one (`diff: false`). */
export function toRunLogs(): OperatorFunction<RunLogPatch, RunLog> {
  return (patches$) =>
    patches$.pipe(
      scan<RunLogPatch, RunLog, null>((log, patch) => {
        const next = log === null ? RunLog.fromRunLogPatch(patch) : log.concat(patch);
        // Each log given out is a snapshot the consumer may read at any time (a buffered
        // iterator reads it after later ones were made): mark its state as seen, so the
        // next log copies what it changes instead of taking this state over.
        void next.state;
        return next;
      }, null),
    );
}

/**
 * `streamLog$` as an async iterable that is also a `ReadableStream`. Nothing runs until
 * the first read; `break`, `return()` or `cancel()` cancel the run.
 */
export function streamLog<I, O>(
  runnable: RunSource<I, O>,
  input: I,
  options?: StreamLogOptions,
  filters?: StreamEventFilters,
): IterableReadableStream<RunLogPatch> {
  return new IterableReadableStream(
    new ObservableIterator(streamLog$(runnable, input, options, filters), { lazy: true }),
  );
}
