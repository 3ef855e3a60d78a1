import type { Observable, Subscriber, Subscription } from 'rxjs';
import type { OutputAccumulator } from '../accumulators.js';
import { toError } from '../../errors/toError.js';
import { markFailedRun } from '../failedRun.js';
import type { RunContext } from '../RunContext.js';
import type { EventSink } from '../RunEvent.js';
import type { RunGuards } from './guards.js';
import type { ChunkReporting } from '../ChunkReporting.js';
import { inputAccumulator, type InputHooks } from './prepareInput.js';

const NONE: unique symbol = Symbol('none');
type Maybe<T> = T | typeof NONE;

/** What the recorder needs to know about the runnable whose run it records. */
export interface RecordedRunnable<I, O> {
  /** The accumulator the run's output chunks go into (for the `end` record). */
  outputAccumulator(upstream?: () => OutputAccumulator<unknown>): OutputAccumulator<O>;
  /** The input as records report it. */
  inputForEvents(input: I): unknown;
  /** Which of its runs report their chunks. */
  readonly chunkReporting: ChunkReporting;
}

/**
 * How one run records its output chunks: not at all, before passing each on, after passing
 * each on (a model: its token's record comes after the steps downstream handled it, as
 * LangChain's models call `handleLLMNewToken` after yielding the chunk), or before passing it
 * on and marked as the run's one output; or, for a nested step that produces one value, none,
 * and the value is held until the run's end is recorded (`'held'`: LangChain's one-value
 * steps end before their value moves on, so a prompt's end comes before the next step's start).
 */
type ChunkRecord = 'none' | 'before' | 'after' | 'output' | 'held';

function chunkRecordOf(reporting: ChunkReporting, run: RunContext, listened: boolean): ChunkRecord {
  if (run.sink === undefined) return 'none';
  if (reporting === 'always') return run.runType === 'chat_model' || run.runType === 'llm' ? 'after' : 'before';
  if (!listened) return reporting === 'root' ? 'none' : 'held';
  return reporting === 'root' ? 'before' : 'output';
}

/**
 * One observed run (someone listens, or a limit is set), as a small state machine whose
 * methods are the steps of the lifecycle of DESIGN.md §2: `start` once, then `chunk` per
 * output chunk, then `complete` or `fail`; `teardown` when unsubscribed first. It writes
 * the run's `start`, `stream`, `end` and `error` records to the sink, in that order. A
 * chunk's record comes before the chunk is passed on, except a model's, which comes after
 * (see `ChunkRecord`); runs that do not report chunks (`ChunkReporting`) record none.
 */
export class RunRecorder<I, O> {
  readonly #runnable: RecordedRunnable<I, O>;
  readonly #run: RunContext;
  readonly #sink: EventSink | undefined;
  readonly #subscriber: Subscriber<O>;
  #started = false;
  #finished = false;
  #inputFailed = false;
  #input: Maybe<unknown>;
  // The output is aggregated only for the end record, so only when someone listens.
  readonly #output: OutputAccumulator<O> | undefined;
  // Streamed input chunks, aggregated for the end and error records; read when reported.
  #inputChunks: OutputAccumulator<unknown> | undefined;
  #inputStale = false;
  // The input as records report it, converted once per distinct input (start and end share it).
  #reportedFor: unknown = NONE;
  #reported: unknown;
  #guards: RunGuards | undefined;
  #step: Subscription | undefined;
  readonly #chunkRecord: ChunkRecord;
  // The chunk a one-value step holds until its end is recorded (see `ChunkRecord`).
  #held: Maybe<O> = NONE;

  /**
   * @param runnable - the runnable that runs.
   * @param run - the run's context.
   * @param subscriber - where the run's chunks go.
   * @param knownInput - the caller's input, when the run was started from a value.
   * @param listened - whether this run is the one being listened to (the root of the records).
   */
  constructor(
    runnable: RecordedRunnable<I, O>,
    run: RunContext,
    subscriber: Subscriber<O>,
    knownInput: { readonly value: unknown } | undefined,
    listened: boolean,
  ) {
    this.#chunkRecord = chunkRecordOf(runnable.chunkReporting, run, listened);
    this.#runnable = runnable;
    this.#run = run;
    this.#sink = run.sink;
    this.#subscriber = subscriber;
    this.#input = knownInput !== undefined ? knownInput.value : NONE;
    this.#output = this.#sink === undefined ? undefined : runnable.outputAccumulator(run.inputAccumulator);
  }

  /** Whether the run has ended (completed, failed, or torn down). */
  get finished(): boolean {
    return this.#finished;
  }

  /** Watches the run's limits; a guard that trips fails the run. */
  guard(guards: RunGuards | undefined): void {
    this.#guards = guards;
  }

  /**
   * The hooks through which the input reports the run's start, or undefined when
   * nothing needs it (nobody listens and no first-chunk time limit is set).
   */
  inputHooks(firstChunkLimit: boolean): InputHooks | undefined {
    if (this.#sink === undefined && !firstChunkLimit) return undefined;
    return {
      onChunk: (chunk) => {
        this.start();
        if (this.#sink !== undefined) {
          (this.#inputChunks ??= inputAccumulator(this.#run)).add(chunk);
          this.#inputStale = true;
        }
      },
      onStart: () => this.start(),
      onWhole: (whole) => {
        this.#input = whole;
        this.start();
      },
      onComplete: () => this.start(),
      onError: () => {
        this.#inputFailed = true;
      },
    };
  }

  /** The run begins: arms the first-chunk limit and records `start` (once). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#guards?.started();
    const sink = this.#sink;
    if (sink === undefined) return;
    const run = this.#run;
    if (this.#input !== NONE) sink.next({ type: 'start', run, hasInput: true, input: this.#reportedInput() });
    else sink.next({ type: 'start', run, hasInput: false });
  }

  /** Subscribes the step's output through this recorder. */
  follow(output$: Observable<O>): void {
    this.#step = output$.subscribe({
      next: (chunk) => this.chunk(chunk),
      error: (error: unknown) => this.fail(error),
      complete: () => this.complete(),
    });
    // A guard may have tripped while the step was subscribing.
    if (this.#finished) this.#step.unsubscribe();
  }

  /** An output chunk: its `stream` record (see `ChunkRecord`) and the chunk downstream. */
  chunk(chunk: O): void {
    this.start();
    this.#guards?.chunk();
    const sink = this.#sink;
    if (sink === undefined) {
      this.#subscriber.next(chunk);
      return;
    }
    (this.#output as OutputAccumulator<O>).add(chunk);
    switch (this.#chunkRecord) {
      case 'before':
        sink.next({ type: 'stream', run: this.#run, chunk });
        this.#subscriber.next(chunk);
        return;
      case 'after':
        this.#subscriber.next(chunk);
        // Unless passing the chunk on ended the run (a consumer that took what it needed).
        if (!this.#finished) sink.next({ type: 'stream', run: this.#run, chunk });
        return;
      case 'output':
        sink.next({ type: 'stream', run: this.#run, chunk, output: true });
        this.#subscriber.next(chunk);
        return;
      case 'held':
        this.#release();
        this.#held = chunk;
        return;
      case 'none':
        this.#subscriber.next(chunk);
    }
  }

  /** The step completed: records `end` with the aggregated input and output. */
  complete(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.start();
    this.#guards?.stop();
    this.#guards = undefined;
    this.#sink?.next({ type: 'end', run: this.#run, input: this.#reportedInput(), output: this.#output?.value() });
    this.#release();
    this.#subscriber.complete();
  }

  /** Passes on the chunk a one-value step holds, if any. */
  #release(): void {
    const held = this.#held;
    if (held === NONE) return;
    this.#held = NONE;
    this.#subscriber.next(held);
  }

  /** The run failed: records `error` (unless its input failed before it started), then re-raises. */
  fail(thrown: unknown): void {
    if (this.#finished) return;
    const error = toError(thrown);
    this.#finished = true;
    this.#stop();
    this.#release();
    // A run whose input failed before it started never ran: it reports nothing.
    if (!this.#started && !this.#inputFailed) this.start();
    if (this.#started) {
      markFailedRun(error, this.#run);
      this.#sink?.next({ type: 'error', run: this.#run, input: this.#reportedInput(), error });
    }
    this.#subscriber.error(error);
  }

  /** Unsubscribed before the end: stops the step and the guards, records nothing more. */
  teardown(): void {
    this.#finished = true;
    this.#stop();
  }

  #stop(): void {
    this.#guards?.stop();
    this.#guards = undefined;
    this.#step?.unsubscribe();
  }

  #reportedInput(): unknown {
    if (this.#inputStale) {
      this.#input = (this.#inputChunks as OutputAccumulator<unknown>).value();
      this.#inputStale = false;
    }
    const input = this.#input;
    if (input === NONE) return undefined;
    if (this.#reportedFor !== input) {
      this.#reportedFor = input;
      this.#reported = this.#runnable.inputForEvents(input as I);
    }
    return this.#reported;
  }
}
