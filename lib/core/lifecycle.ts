import { Observable } from 'rxjs';
import { RecursionLimitError } from '../errors/RecursionLimitError.js';
import { toError } from '../errors/toError.js';
import type { AccumulatorFactory, OutputAccumulator } from './accumulators.js';
import { installGuards, isGuarded, validateConfig } from './internal/guards.js';
import { prepareInput } from './internal/prepareInput.js';
import { RunRecorder } from './internal/RunRecorder.js';
import { RunSubscriber } from './internal/RunSubscriber.js';
import { RunContext, type RunOrigin } from './RunContext.js';
import type { ChunkReporting } from './ChunkReporting.js';
import type { LifecycleRecord, RunEvent, RunType } from './RunEvent.js';

/**
 * Whether a step needs its whole input before it can start (`'whole'`), transforms a stream
 * (`'stream'`), or runs on its whole input but starts at its first input chunk, as
 * LangChain's lambdas do (`'gather'`: its start then carries no input, its end does).
 */
export type InputMode = 'whole' | 'stream' | 'gather';

/** What the lifecycle needs to know about the runnable it runs. */
export interface Traceable<I, O> {
  getName(): string;
  readonly runType: RunType;
  readonly inputMode: InputMode;
  readonly chunkReporting: ChunkReporting;
  outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O>;
  inputForEvents(input: I): unknown;
}

/** Something that can be run from an origin: what `Runnable._run` is, seen from the engine. */
export interface RunSource<I, O> {
  _run(input$: Observable<I>, origin: TraceOptions): Observable<O>;
}

/** A runnable's one step: an operator from input chunks to output chunks. */
export type Step<I, O> = (input$: Observable<I>, run: RunContext) => Observable<O>;

/** Where a run starts from, plus the caller's input when it is known up front. */
export interface TraceOptions extends RunOrigin {
  /** The caller's input, for a run started from a value rather than a stream. */
  readonly knownInput?: { readonly value: unknown } | undefined;
  /**
   * The run starts when it is subscribed, before its first input chunk, unless it needs its
   * whole input (a map's branches, subscribed once the map has its first chunk).
   */
  readonly startAtSubscribe?: boolean | undefined;
}

/**
 * Runs one step inside the run lifecycle of DESIGN.md §2: builds the run's context,
 * reports `start`, `stream`, `end` and `error` records to the sink (when someone
 * listens), honours the config's signal and timeout, and marks errors with the run
 * they surfaced in. A thrown value that is not an `Error` leaves the run as a
 * `ThrownValueError` (`toError`), so no event and no caller ever carries the value
 * itself. This module (with its recorder) is the only place records are made.
 */
export function traced<I, O>(
  runnable: Traceable<I, O>,
  step: Step<I, O>,
  input$: Observable<I>,
  options: TraceOptions,
): Observable<O> {
  return new Observable<O>((subscriber) => {
    let run: RunContext;
    try {
      validateConfig(options.config);
      run = new RunContext(runnable.getName(), runnable.runType, options);
      checkRecursion(run);
    } catch (error) {
      subscriber.error(toError(error));
      return undefined;
    }
    const mode = runnable.inputMode;
    const whole = mode !== 'stream';
    const known = options.knownInput !== undefined;
    if (run.sink === undefined && !isGuarded(options.config)) {
      step(prepareInput(whole, input$, known, run, undefined), run).subscribe(new RunSubscriber(subscriber, run));
      return undefined;
    }
    const recorder = new RunRecorder<I, O>(runnable, run, subscriber, options.knownInput, options.sink !== undefined);
    recorder.guard(installGuards(run, options.config, (error) => recorder.fail(error)));
    if (recorder.finished) return undefined;
    if (known || (options.startAtSubscribe === true && mode !== 'whole')) recorder.start();
    const hooks = recorder.inputHooks(options.config?.firstChunkTimeout !== undefined);
    recorder.follow(step(prepareInput(whole, input$, known, run, hooks, mode === 'gather'), run));
    return () => recorder.teardown();
  });
}

/**
 * Fails a run nested deeper than its recursion limit (DESIGN.md: a lambda that keeps
 * returning runnables, or user code that keeps calling runnables from inside their runs).
 */
function checkRecursion(run: RunContext): void {
  if (run.recursionDepth < run.recursionLimit) return;
  throw new RecursionLimitError(run.parent?.name ?? run.name, run.recursionLimit);
}

/**
 * Records a custom event of `run` (what `dispatchCustomEvent` sends); nothing when
 * nobody listens.
 */
export function recordCustom(run: RunContext, name: string, data: unknown): void {
  run.sink?.next({ type: 'custom', run, name, data });
}

/** What a retry that starts over after passing chunks on reports about it. */
export interface RestartInfo {
  /** The attempt that starts now (2 for the first retry). */
  readonly attempt: number;
  /** How many chunks the failed attempt had passed on. */
  readonly chunksDelivered: number;
  /** What the failed attempt failed with. */
  readonly error: unknown;
}

/**
 * Records that `run` (a retry) starts over after its last attempt had passed chunks on:
 * a reserved record, which the public event stream shows as the custom event
 * `stream_restart`. Nothing when nobody listens.
 */
export function recordRestart(run: RunContext, info: RestartInfo): void {
  run.sink?.next({ type: 'restart', run, ...info });
}

/**
 * Forwards the record of a run that happened elsewhere (a served runnable) into `via`'s
 * channel, re-parented under it (see docs/decisions/2026-11-21-foreign-records.md).
 */
export function recordForeign(via: RunContext, record: LifecycleRecord): void {
  const foreign: RunEvent = { type: 'foreign', run: record.run, via, record };
  via.sink?.next(foreign);
}

export { abortReason } from './internal/guards.js';
export type { ChunkReporting } from './ChunkReporting.js';
