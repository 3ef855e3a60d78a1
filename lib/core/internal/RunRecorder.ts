import type { Observable, Subscriber, Subscription } from 'rxjs';
import type { OutputAccumulator } from '../accumulators.js';
import { toError } from '../../errors/toError.js';
import { markFailedRun } from '../failedRun.js';
import type { RunContext } from '../RunContext.js';
import type { StartLink } from './StartLink.js';
import type { EventSink } from '../RunEvent.js';
import type { RunGuards } from './guards.js';
import { inputAccumulator, type InputHooks } from './prepareInput.js';

const NONE: unique symbol = Symbol('none');
type Maybe<T> = T | typeof NONE;

/** What the recorder needs to know about the runnable whose run it records. */
export interface RecordedRunnable<I, O> {
  /** The accumulator the run's output chunks go into (for the `end` record). */
  outputAccumulator(upstream?: () => OutputAccumulator<unknown>): OutputAccumulator<O>;
  /** The input as records report it. */
  inputForEvents(input: I): unknown;
}

/**
 * One observed run (someone listens, or a limit is set), as a small state machine whose
 * methods are the steps of the lifecycle of DESIGN.md §2: `start` once, then `chunk` per
 * output chunk, then `complete` or `fail`; `teardown` when unsubscribed first. It writes
 * the run's `start`, `stream`, `end` and `error` records to the sink, in that order, and
 * passes the chunks on to the subscriber after their record.
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
  #startsNext: StartLink | undefined;

  /**
   * @param runnable - the runnable that runs.
   * @param run - the run's context.
   * @param subscriber - where the run's chunks go.
   * @param knownInput - the caller's input, when the run was started from a value.
   * @param startsNext - fired before the first chunk's record (the next step of a sequence starts).
   */
  constructor(
    runnable: RecordedRunnable<I, O>,
    run: RunContext,
    subscriber: Subscriber<O>,
    knownInput: { readonly value: unknown } | undefined,
    startsNext?: StartLink,
  ) {
    this.#startsNext = startsNext;
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

  /** An output chunk: its `stream` record first, then the chunk downstream. */
  chunk(chunk: O): void {
    this.start();
    this.#guards?.chunk();
    const sink = this.#sink;
    if (sink !== undefined) {
      this.#startsNext?.fire();
      sink.next({ type: 'stream', run: this.#run, chunk });
      (this.#output as OutputAccumulator<O>).add(chunk);
    }
    this.#subscriber.next(chunk);
  }

  /** The step completed: records `end` with the aggregated input and output. */
  complete(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.start();
    this.#guards?.stop();
    this.#guards = undefined;
    this.#sink?.next({ type: 'end', run: this.#run, input: this.#reportedInput(), output: this.#output?.value() });
    this.#subscriber.complete();
  }

  /** The run failed: records `error` (unless its input failed before it started), then re-raises. */
  fail(thrown: unknown): void {
    if (this.#finished) return;
    const error = toError(thrown);
    this.#finished = true;
    this.#stop();
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
