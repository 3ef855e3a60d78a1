import { Observable, type Subscriber, type Subscription, type TeardownLogic } from 'rxjs';
import { RecursionLimitError } from '../errors/RecursionLimitError.js';
import { concatAccumulator, type OutputAccumulator } from './concat.js';
import { markFailedRun } from './failedRun.js';
import { installGuards, isGuarded, validateConfig, type RunGuards } from './internal/guards.js';
import { RunContext, type RunOrigin } from './RunContext.js';
import type { EventSink, RunType } from './RunEvent.js';

/** Whether a step needs its whole input before it can start, or transforms a stream. */
export type InputMode = 'whole' | 'stream';

/** What the lifecycle needs to know about the runnable it runs. */
export interface Traceable<I, O> {
  getName(): string;
  readonly runType: RunType;
  readonly inputMode: InputMode;
  concatOutput(aggregate: O, chunk: O): O;
  accumulateOutput(): OutputAccumulator<O>;
  inputForEvents(input: I): unknown;
}

/** A runnable's one step: an operator from input chunks to output chunks. */
export type Step<I, O> = (input$: Observable<I>, run: RunContext) => Observable<O>;

/** Where a run starts from, plus the caller's input when it is known up front. */
export interface TraceOptions extends RunOrigin {
  /** The caller's input, for a run started from a value rather than a stream. */
  readonly knownInput?: { readonly value: unknown } | undefined;
}

const NONE: unique symbol = Symbol('none');
type Maybe<T> = T | typeof NONE;

/**
 * Runs one step inside the run lifecycle of DESIGN.md §2: builds the run's context,
 * reports `start`, `stream`, `end` and `error` records to the sink (when someone
 * listens), honours the config's signal and timeout, and marks errors with the run
 * they surfaced in. This is the only place lifecycle records are made.
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
      subscriber.error(error);
      return undefined;
    }
    const sink = run.sink;
    if (sink === undefined && !isGuarded(options.config)) {
      return step(prepareInput(runnable, input$, options, run, undefined), run).subscribe({
        next: (chunk) => subscriber.next(chunk),
        error: (error: unknown) => {
          markFailedRun(error, run);
          subscriber.error(error);
        },
        complete: () => subscriber.complete(),
      });
    }
    return runObserved(runnable, step, input$, options, run, sink, subscriber);
  });
}

/** The lifecycle with records and guards: used when someone listens or a limit is set. */
function runObserved<I, O>(
  runnable: Traceable<I, O>,
  step: Step<I, O>,
  input$: Observable<I>,
  options: TraceOptions,
  run: RunContext,
  sink: EventSink | undefined,
  subscriber: Subscriber<O>,
): TeardownLogic {
  let started = false;
  let finished = false;
  let input: Maybe<unknown> = options.knownInput !== undefined ? options.knownInput.value : NONE;
  // The output is aggregated only for the end record, so only when someone listens.
  const output: OutputAccumulator<O> | undefined = sink === undefined ? undefined : runnable.accumulateOutput();
  // Streamed input chunks, aggregated for the end and error records; read when reported.
  let inputChunks: OutputAccumulator<unknown> | undefined;
  let inputStale = false;
  // The input as events report it, converted once per distinct input (start and end share it).
  let reportedFor: unknown = NONE;
  let reported: unknown;
  const reportedInput = (): unknown => {
    if (inputStale) {
      input = (inputChunks as OutputAccumulator<unknown>).value();
      inputStale = false;
    }
    if (input === NONE) return undefined;
    if (reportedFor !== input) {
      reportedFor = input;
      reported = runnable.inputForEvents(input as I);
    }
    return reported;
  };

  let guards: RunGuards | undefined;
  const start = (): void => {
    if (started) return;
    started = true;
    guards?.started();
    if (sink === undefined) return;
    if (input !== NONE) sink.next({ type: 'start', run, hasInput: true, input: reportedInput() });
    else sink.next({ type: 'start', run, hasInput: false });
  };

  let inputFailed = false;
  // Input hooks find the run's start (for its record, and for a first-chunk time limit).
  const hooks: InputHooks | undefined =
    sink === undefined && options.config?.firstChunkTimeout === undefined
      ? undefined
      : {
          onChunk: (chunk) => {
            start();
            if (sink !== undefined) {
              (inputChunks ??= inputAccumulator(run)).add(chunk);
              inputStale = true;
            }
          },
          onWhole: (whole) => {
            input = whole;
            start();
          },
          onComplete: start,
          onError: () => {
            inputFailed = true;
          },
        };

  let stepSubscription: Subscription | undefined;
  const stop = (): void => {
    guards?.stop();
    guards = undefined;
    stepSubscription?.unsubscribe();
  };
  const fail = (error: unknown): void => {
    if (finished) return;
    finished = true;
    stop();
    // A run whose input failed before it started never ran: it reports nothing.
    if (!started && !inputFailed) start();
    if (started) {
      markFailedRun(error, run);
      sink?.next({ type: 'error', run, input: reportedInput(), error });
    }
    subscriber.error(error);
  };

  guards = installGuards(run, options.config, fail);
  if (finished) return undefined;
  if (options.knownInput !== undefined) start();

  stepSubscription = step(prepareInput(runnable, input$, options, run, hooks), run).subscribe({
    next: (chunk) => {
      start();
      guards?.chunk();
      if (sink !== undefined) {
        sink.next({ type: 'stream', run, chunk });
        (output as OutputAccumulator<O>).add(chunk);
      }
      subscriber.next(chunk);
    },
    error: fail,
    complete: () => {
      if (finished) return;
      finished = true;
      start();
      guards?.stop();
      guards = undefined;
      sink?.next({ type: 'end', run, input: reportedInput(), output: output?.value() });
      subscriber.complete();
    },
  });
  // A guard may have tripped while the step was subscribing.
  if (finished) stepSubscription.unsubscribe();
  return () => {
    finished = true;
    stop();
  };
}

/** A fresh accumulator of a run's input chunks: the upstream step's own, else `concat`'s. */
function inputAccumulator(run: RunContext): OutputAccumulator<unknown> {
  return run.inputAccumulator !== undefined ? run.inputAccumulator() : concatAccumulator();
}

interface InputHooks {
  onChunk(chunk: unknown): void;
  onWhole(input: unknown): void;
  onComplete(): void;
  onError(): void;
}

/**
 * The input stream the step sees: for a whole-input step, one value (the concatenation
 * of the input chunks, or the known input); for a streaming step, the chunks themselves.
 */
function prepareInput<I, O>(
  runnable: Traceable<I, O>,
  input$: Observable<I>,
  options: TraceOptions,
  run: RunContext,
  hooks: InputHooks | undefined,
): Observable<I> {
  const known = options.knownInput;
  if (runnable.inputMode === 'whole') {
    if (known !== undefined) return input$;
    return new Observable<I>((subscriber) => {
      let whole: OutputAccumulator<unknown> | undefined;
      return input$.subscribe({
        next: (chunk) => {
          (whole ??= inputAccumulator(run)).add(chunk);
        },
        error: (error: unknown) => {
          hooks?.onError();
          subscriber.error(error);
        },
        complete: () => {
          const value = whole?.value() as I;
          hooks?.onWhole(value);
          subscriber.next(value);
          subscriber.complete();
        },
      });
    });
  }
  if (hooks === undefined || known !== undefined) return input$;
  return new Observable<I>((subscriber) =>
    input$.subscribe({
      next: (chunk) => {
        hooks.onChunk(chunk);
        subscriber.next(chunk);
      },
      error: (error: unknown) => {
        hooks.onError();
        subscriber.error(error);
      },
      complete: () => {
        hooks.onComplete();
        subscriber.complete();
      },
    }),
  );
}

/**
 * Fails a run nested deeper than its recursion limit (DESIGN.md: a lambda that keeps
 * returning runnables, or user code that keeps calling runnables from inside their runs).
 */
function checkRecursion(run: RunContext): void {
  if (run.recursionDepth < run.recursionLimit) return;
  throw new RecursionLimitError(run.parent?.name ?? run.name, run.recursionLimit);
}

export { abortReason } from './internal/guards.js';
