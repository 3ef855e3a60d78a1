import { from, mergeMap, Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator } from '../adapters/ObservableIterator.js';
import { concat, concatAccumulator, foldingAccumulator, type OutputAccumulator } from './concat.js';
import { streamEvents, streamEvents$, type StreamEventsOptions } from '../events/streamEvents.js';
import type { StreamEvent, StreamEventFilters } from '../events/StreamEvent.js';
import type { RunLog, RunLogPatch } from '../events/RunLog.js';
import { streamLog, streamLog$, type StreamLogOptions } from '../events/streamLog.js';
import type { FallbacksOptions } from './FallbacksOptions.js';
import type { RetryOptions } from './RetryOptions.js';
import { composition } from './internal/composition.js';
import { callInput } from './internal/callInput.js';
import { withImplicitContext } from './internal/currentConfig.js';
import { linkedRun } from './internal/runLink.js';
import { traced, type InputMode, type TraceOptions } from './lifecycle.js';
import type { BatchOptions, RunnableConfig } from './RunnableConfig.js';
import type { RunContext, RunOrigin } from './RunContext.js';
import type { RunType } from './RunEvent.js';

/**
 * A function usable as a step: called with the step's whole input and the run's config.
 * It may return a value, a Promise, an Observable or AsyncIterable of chunks, or a
 * runnable to run on the same input.
 */
export type RunnableFunc<I, R> = (input: I, config: RunnableConfig) => R;

/**
 * Anything `pipe` and `RunnableSequence.from` accept as a step: a runnable, a function
 * (becomes a `RunnableLambda`), or an object of steps (becomes a `RunnableMap`).
 */
export type RunnableLike<I = never, O = unknown> =
  Runnable<I, O> | RunnableFunc<I, unknown> | { readonly [key: string]: RunnableLike<I> };

/** The output type of what a lambda function returns. */
export type LambdaOutput<R> =
  Awaited<R> extends Runnable<never, infer O>
    ? O
    : Awaited<R> extends Observable<infer C>
      ? C
      : Awaited<R> extends AsyncIterable<infer C>
        ? C
        : Awaited<R>;

/** The input type of a `RunnableLike` (`unknown` when it does not say). */
export type RunnableInput<R> =
  R extends Runnable<infer I, unknown>
    ? I
    : R extends (input: infer I, ...rest: never[]) => unknown
      ? I
      : R extends { readonly [key: string]: unknown }
        ? MapInput<R>
        : unknown;

/** The input type of an object of steps: what every branch accepts (the intersection). */
export type MapInput<T> = { [K in keyof T]: (input: RunnableInput<T[K]>) => void }[keyof T] extends (
  input: infer I,
) => void
  ? I
  : unknown;

/** The output type of a `RunnableLike`. */
export type RunnableOutput<R> =
  R extends Runnable<never, infer O>
    ? O
    : R extends (input: never, config: never) => infer Ret
      ? LambdaOutput<Ret>
      : R extends { readonly [key: string]: unknown }
        ? { -readonly [K in keyof R]: RunnableOutput<R[K]> }
        : never;

/**
 * An operator from input chunks to output chunks. Declared through a method so that a
 * runnable of a narrower input still counts as a `Runnable<unknown, unknown>` (method
 * parameters are compared bivariantly), as it does everywhere else on the class.
 */
export type RunnableOperator<I, O> = { bivariant(source$: Observable<I>): Observable<O> }['bivariant'];

/**
 * The base of every component: a prompt, a model, a parser, a lambda, a sequence.
 *
 * A subclass implements one thing, its step: an RxJS operator from the stream of input
 * chunks to the stream of output chunks. Everything else (`invoke`, `batch`, `stream`,
 * `stream$`, `asOperator`, `pipe`, `withConfig`) is derived here, and every run goes
 * through one lifecycle operator that reports its events.
 *
 * @typeParam I - the input type.
 * @typeParam O - the output chunk type (and, aggregated, the output of `invoke`).
 *
 * @example
 * ```ts
 * import { Runnable, type RunContext } from 'rxchain';
 * import { map, type Observable } from 'rxjs';
 *
 * class Shout extends Runnable<string, string> {
 *   protected _step(input$: Observable<string>, _run: RunContext): Observable<string> {
 *     return input$.pipe(map((chunk) => chunk.toUpperCase()));
 *   }
 * }
 *
 * console.log(await new Shout().invoke('hello')); // => 'HELLO'
 * ```
 */
export abstract class Runnable<I = unknown, O = unknown> {
  /** The name runs of this runnable report, unless a `runName` is given. */
  name?: string;

  /** The kind of component; names its events. @default 'chain' */
  get runType(): RunType {
    return 'chain';
  }

  /**
   * `'whole'` if the step needs its complete input before it starts (the input chunks
   * are concatenated first), `'stream'` if it transforms chunks as they come.
   * @default 'stream'
   */
  get inputMode(): InputMode {
    return 'stream';
  }

  /**
   * The step: maps the stream of input chunks to the stream of output chunks. For a
   * `'whole'` input mode the input stream carries exactly one value.
   *
   * @param input$ - the input chunks.
   * @param run - this run; pass it as the parent of any run the step starts.
   */
  protected abstract _step(input$: Observable<I>, run: RunContext): Observable<O>;

  /** The name used when no `name` or `runName` is set. */
  protected get defaultName(): string {
    return 'Runnable';
  }

  /**
   * The name runs of this runnable report.
   * @returns `name` if set, else the class's default name.
   */
  getName(): string {
    return this.name ?? this.defaultName;
  }

  /**
   * Adds an output chunk to the aggregate of earlier chunks; `invoke` and `end` events
   * use it. Override for cumulative chunks (each chunk is the whole value so far).
   */
  concatOutput(aggregate: O, chunk: O): O {
    return concat(aggregate, chunk);
  }

  /**
   * A fresh accumulator for this runnable's output chunks, used by `invoke` and for the
   * `end` event's output. The default folds with `concatOutput`; override it (with the
   * same result) when a whole run's chunks can be joined more cheaply than pairwise.
   */
  accumulateOutput(): OutputAccumulator<O> {
    if (this.concatOutput === Runnable.prototype.concatOutput) return concatAccumulator<O>();
    return foldingAccumulator((aggregate, chunk) => this.concatOutput(aggregate, chunk));
  }

  /** The input as events report it (chat models report `{ messages: [[...]] }`). */
  inputForEvents(input: I): unknown {
    return input;
  }

  /**
   * Runs this runnable's step as a run started from `origin`.
   * @internal Composition primitives call this; use `stream$` instead.
   */
  _run(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return traced<I, O>(this, (source$, run) => this._step(source$, run), input$, origin);
  }

  /**
   * Runs this runnable for a caller that sees only the aggregate of its output (`invoke`,
   * `batch`), so no chunk counts as delivered before the end. Retries and fallbacks use
   * this to start over at any point.
   * @internal Composition primitives call this; use `invoke` instead.
   */
  _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this._run(input$, origin);
  }

  /**
   * Runs the runnable and emits its output chunks as they are produced. Cold: nothing
   * runs until subscription, and unsubscribing cancels the run.
   *
   * @param input - the input, or an Observable of input chunks.
   * @param config - options for this run.
   * @returns an Observable of output chunks.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   * import { toArray, lastValueFrom } from 'rxjs';
   *
   * const words = RunnableLambda.from((text: string) => text.split(' '));
   * console.log(await lastValueFrom(words.stream$('a b').pipe(toArray()))); // => [['a', 'b']]
   * ```
   */
  stream$(input: I | Observable<I>, config?: RunnableConfig): Observable<O> {
    const effective = withImplicitContext(config);
    return new Observable<O>((subscriber) => {
      const { input$, knownInput } = callInput(input);
      return this._run(input$, { ...callOrigin(effective), knownInput }).subscribe(subscriber);
    });
  }

  /**
   * Runs the runnable to completion.
   *
   * @param input - the input.
   * @param config - options for this run.
   * @returns the aggregate of all output chunks (see `concat`).
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const double = RunnableLambda.from((x: number) => x * 2);
   * console.log(await double.invoke(21)); // => 42
   * ```
   */
  invoke(input: I, config?: RunnableConfig): Promise<O> {
    const effective = withImplicitContext(config);
    return new Promise<O>((resolve, reject) => {
      const aggregate = this.accumulateOutput();
      const { input$, knownInput } = callInput(input);
      this._runWhole(input$, { ...callOrigin(effective), knownInput }).subscribe({
        next: (chunk) => aggregate.add(chunk),
        error: reject,
        complete: () => resolve(aggregate.value() as O),
      });
    });
  }

  /**
   * Runs the runnable and returns its output chunks as an async iterable (also a
   * `ReadableStream`). The promise resolves once the first chunk is ready, so an error
   * before any output rejects it; a later error rejects the iteration. `break` cancels
   * the run and never throws.
   *
   * @param input - the input.
   * @param config - options for this run.
   * @returns a promise of the stream of output chunks.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const letters = RunnableLambda.from(async function* (input: AsyncIterable<string>) {
   *   for await (const text of input) yield* text.split('');
   * });
   * const seen: string[] = [];
   * for await (const chunk of await letters.stream('abc')) seen.push(chunk);
   * console.log(seen); // => ['a', 'b', 'c']
   * ```
   */
  async stream(input: I, config?: RunnableConfig): Promise<IterableReadableStream<O>> {
    const iterator = new ObservableIterator(this.stream$(input, config));
    await iterator.ready();
    return new IterableReadableStream(iterator);
  }

  /**
   * Runs the runnable and streams the events of every run in it (start, stream, end and
   * error of each step, plus custom events), in LangChain's v2 (or v1) shape. Returns at
   * once an async iterable that is also a `ReadableStream`; nothing runs until the first
   * read. With `encoding: "text/event-stream"` it yields SSE frames as bytes, ready for
   * `new Response(stream)`.
   *
   * @param input - the input.
   * @param options - `{ version: "v2" }` (required), an optional encoding, and the run's config.
   * @param filters - keep or drop runs by name, type or tag.
   * @returns the events (or frames).
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const upper = RunnableLambda.from(function upper(text: string) {
   *   return text.toUpperCase();
   * });
   * const kinds: string[] = [];
   * for await (const event of upper.streamEvents('hi', { version: 'v2' })) kinds.push(event.event);
   * console.log(kinds); // => ['on_chain_start', 'on_chain_stream', 'on_chain_end']
   * ```
   */
  streamEvents(
    input: I,
    options: StreamEventsOptions & { encoding: 'text/event-stream' },
    filters?: StreamEventFilters,
  ): IterableReadableStream<Uint8Array>;
  streamEvents(
    input: I,
    options: StreamEventsOptions,
    filters?: StreamEventFilters,
  ): IterableReadableStream<StreamEvent>;
  streamEvents(
    input: I,
    options: StreamEventsOptions,
    filters?: StreamEventFilters,
  ): IterableReadableStream<StreamEvent> | IterableReadableStream<Uint8Array> {
    return streamEvents(this, input, options, filters);
  }

  /**
   * The events of one run as a cold Observable, for RxJS code and marble tests: the same
   * events as `streamEvents`, v2 unless `options.version` says otherwise.
   *
   * @param input - the input, or an Observable of input chunks.
   * @param options - the version and the run's config.
   * @param filters - keep or drop runs by name, type or tag.
   * @returns the events.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   * import { lastValueFrom, map, toArray } from 'rxjs';
   *
   * const double = RunnableLambda.from(function double(x: number) {
   *   return x * 2;
   * });
   * const names$ = double.events$(2).pipe(map((e) => `${e.event}:${e.name}`), toArray());
   * console.log(await lastValueFrom(names$)); // => ['on_chain_start:double', 'on_chain_stream:double', 'on_chain_end:double']
   * ```
   */
  events$(
    input: I | Observable<I>,
    options?: Partial<StreamEventsOptions>,
    filters?: StreamEventFilters,
  ): Observable<StreamEvent> {
    return streamEvents$(this, input, { version: 'v2', ...options }, filters);
  }

  /**
   * Runs the runnable and streams its run log: JSON Patch operations that build a
   * `RunState` (the root's chunks and final output, and one entry per sub-run under
   * `logs`). Fold the patches with `concat`, or pass `{ diff: false }` to get the whole
   * `RunLog` after each patch. Returns at once; nothing runs until the first read, and
   * `break` cancels the run.
   *
   * @param input - the input.
   * @param options - the run's config, `diff`, and the clock's `scheduler`.
   * @param filters - which sub-runs get an entry (the root is always logged).
   * @returns the patches (or logs).
   *
   * @example
   * ```ts
   * import { RunnableLambda, RunnableSequence } from 'rxchain';
   *
   * const chain = RunnableSequence.from([
   *   RunnableLambda.from(function trim(x: string) {
   *     return x.trim();
   *   }),
   *   RunnableLambda.from(function shout(x: string) {
   *     return x.toUpperCase();
   *   }),
   * ]);
   * let last;
   * for await (const log of chain.streamLog('  hi  ', { diff: false })) last = log;
   * console.log(Object.keys(last?.state.logs ?? {}), last?.state.final_output); // => ['trim', 'shout'], 'HI'
   * ```
   */
  streamLog(
    input: I,
    options: StreamLogOptions & { diff: false },
    filters?: StreamEventFilters,
  ): IterableReadableStream<RunLog>;
  streamLog(input: I, options?: StreamLogOptions, filters?: StreamEventFilters): IterableReadableStream<RunLogPatch>;
  streamLog(input: I, options?: StreamLogOptions, filters?: StreamEventFilters): IterableReadableStream<RunLogPatch> {
    return streamLog(this, input, options, filters);
  }

  /**
   * The run log of one run as a cold Observable, for RxJS code and marble tests: the
   * same patches (or, with `diff: false`, logs) as `streamLog`.
   *
   * @param input - the input, or an Observable of input chunks.
   * @param options - the run's config, `diff`, and the clock's `scheduler`.
   * @param filters - which sub-runs get an entry (the root is always logged).
   * @returns the patches (or logs).
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   * import { lastValueFrom } from 'rxjs';
   *
   * const double = RunnableLambda.from(function double(x: number) {
   *   return x * 2;
   * });
   * const log = await lastValueFrom(double.log$(21, { diff: false }));
   * console.log(log.state.name, log.state.final_output); // => 'double', 42
   * ```
   */
  log$(
    input: I | Observable<I>,
    options: StreamLogOptions & { diff: false },
    filters?: StreamEventFilters,
  ): Observable<RunLog>;
  log$(input: I | Observable<I>, options?: StreamLogOptions, filters?: StreamEventFilters): Observable<RunLogPatch>;
  log$(input: I | Observable<I>, options?: StreamLogOptions, filters?: StreamEventFilters): Observable<RunLogPatch> {
    return streamLog$(this, input, options, filters);
  }

  /**
   * Runs the runnable on many inputs, at most `maxConcurrency` at a time.
   *
   * @param inputs - the inputs.
   * @param config - one config for all runs, or one per input.
   * @param options - `returnExceptions` to get errors in place instead of a rejection.
   * @returns the outputs, in the order of the inputs.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const double = RunnableLambda.from((x: number) => x * 2);
   * console.log(await double.batch([1, 2, 3], { maxConcurrency: 2 })); // => [2, 4, 6]
   * ```
   */
  batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions & { returnExceptions?: false },
  ): Promise<O[]>;
  batch(
    inputs: readonly I[],
    config: RunnableConfig | readonly RunnableConfig[] | undefined,
    options: BatchOptions & { returnExceptions: true },
  ): Promise<(O | Error)[]>;
  batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions,
  ): Promise<(O | Error)[]>;
  async batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions,
  ): Promise<(O | Error)[]> {
    const configs = batchConfigs(inputs.length, config);
    const limit = configs[0]?.maxConcurrency ?? options?.maxConcurrency ?? Infinity;
    const results = new Array<O | Error>(inputs.length);
    const returnExceptions = options?.returnExceptions === true;
    await new Promise<void>((resolve, reject) => {
      from(inputs.map((input, index) => ({ input, index })))
        .pipe(
          mergeMap(
            ({ input, index }) =>
              from(
                this.invoke(input, configs[index]).then(
                  (output) => {
                    results[index] = output;
                  },
                  (error: unknown) => {
                    if (!returnExceptions) throw error;
                    results[index] = error instanceof Error ? error : new Error(String(error));
                  },
                ),
              ),
            limit,
          ),
        )
        .subscribe({ error: reject, complete: resolve });
    });
    return results;
  }

  /**
   * This runnable as an RxJS operator: the source Observable is the stream of input
   * chunks of one run, and the result is that run's output chunks. To run once per
   * source value instead, use `switchMap((x) => runnable.stream$(x))`.
   *
   * @param config - options for the run.
   * @returns an operator for `source$.pipe(...)`.
   *
   * @example
   * ```ts
   * import { StringOutputParser, AIMessageChunk } from 'rxchain';
   * import { of, toArray, lastValueFrom } from 'rxjs';
   *
   * const tokens$ = of(new AIMessageChunk('Hel'), new AIMessageChunk('lo'));
   * const text$ = tokens$.pipe(new StringOutputParser().asOperator());
   * console.log(await lastValueFrom(text$.pipe(toArray()))); // => ['Hel', 'lo']
   * ```
   */
  asOperator(config?: RunnableConfig): RunnableOperator<I, O> {
    return (source$) => {
      const effective = withImplicitContext(config);
      return new Observable<O>((subscriber) => this._run(source$, callOrigin(effective)).subscribe(subscriber));
    };
  }

  /**
   * Chains `next` after this runnable: the result's output is `next`'s output for this
   * runnable's output. A function becomes a `RunnableLambda`, an object a `RunnableMap`.
   *
   * @param next - the following step.
   * @returns a `RunnableSequence` of both.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const chain = RunnableLambda.from((x: number) => x + 1).pipe((x: number) => x * 10);
   * console.log(await chain.invoke(1)); // => 20
   * ```
   */
  pipe<Next extends RunnableLike<O>>(next: Next): Runnable<I, RunnableOutput<Next>> {
    return composition().sequence(this as Runnable, [next as RunnableLike]) as Runnable<I, RunnableOutput<Next>>;
  }

  /**
   * A copy of this runnable that runs with `config` (tags, metadata, runName, timeout...)
   * merged into every call's config.
   *
   * @param config - the config to bind.
   * @returns a `RunnableBinding`.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const step = RunnableLambda.from((x: string) => x).withConfig({ runName: 'echo', tags: ['demo'] });
   * console.log(step.getName()); // => 'echo'
   * ```
   */
  withConfig(config: RunnableConfig): Runnable<I, O> {
    return composition().bind(this as Runnable, config) as Runnable<I, O>;
  }

  /**
   * A copy of this runnable that retries failed attempts (`invoke`, `batch`, `stream`,
   * `streamEvents` alike). While streaming, a failure before the first chunk is retried
   * transparently; after chunks were passed on, the run fails (no chunk is delivered
   * twice) unless `afterFirstChunk: "restart"`. Attempts run as children of the retry
   * run, the second and later tagged `retry:attempt:N`; each failed attempt reports its
   * own error event. Errors whose `isRetryable` is false are not retried.
   *
   * @param options - attempts, which errors to retry, delays, a callback per failure.
   * @returns a `RunnableRetry`.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * let calls = 0;
   * const flaky = RunnableLambda.from((x: string) => {
   *   if (++calls === 1) throw new Error('connection reset');
   *   return x.toUpperCase();
   * });
   * console.log(await flaky.withRetry({ stopAfterAttempt: 2 }).invoke('ok'), calls); // => 'OK', 2
   * ```
   */
  withRetry(options?: RetryOptions<I>): Runnable<I, O> {
    return composition().retry(this as Runnable, (options ?? {}) as RetryOptions) as Runnable<I, O>;
  }

  /**
   * A copy of this runnable that, when it fails before passing on any chunk, tries the
   * fallbacks in order on the same input (`invoke`, `batch`, `stream`, `streamEvents`
   * alike); the output is the first successful runnable's. If all fail, the run fails
   * with the first error. Takes an array, or `{ fallbacks, exceptionKey }` to hand each
   * fallback the previous error inside its (object) input.
   *
   * @param fallbacks - the runnables to try next, or the options.
   * @returns a `RunnableWithFallbacks`.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const primary = RunnableLambda.from((_: string): string => {
   *   throw new Error('rate limited');
   * });
   * const backup = RunnableLambda.from((x: string) => `backup: ${x}`);
   * console.log(await primary.withFallbacks([backup]).invoke('hi')); // => 'backup: hi'
   * ```
   */
  withFallbacks(fallbacks: readonly Runnable<I, O>[] | FallbacksOptions<I, O>): Runnable<I, O> {
    const options = Array.isArray(fallbacks)
      ? { fallbacks: fallbacks as readonly Runnable<I, O>[] }
      : (fallbacks as FallbacksOptions<I, O>);
    return composition().fallbacks(this as Runnable, options as FallbacksOptions<unknown, unknown>) as Runnable<I, O>;
  }
}

/** The origin of a run started by a call: a child of the config's linked run, or a root. */
function callOrigin(config: RunnableConfig | undefined): RunOrigin {
  const parent = linkedRun(config);
  return parent === undefined ? { config } : { parent, config, nested: true };
}

function batchConfigs(
  count: number,
  config: RunnableConfig | readonly RunnableConfig[] | undefined,
): (RunnableConfig | undefined)[] {
  if (Array.isArray(config)) {
    if (config.length !== count) {
      throw new InvalidArgumentError(
        'config',
        `batch() got ${config.length} configs for ${count} inputs. Pass one config, or exactly one per input.`,
      );
    }
    return [...(config as readonly RunnableConfig[])];
  }
  const single = config as RunnableConfig | undefined;
  if (single?.runId !== undefined && count > 1) {
    // A run id names one run: give it to the first input only.
    const { runId: _ignored, ...rest } = single;
    return Array.from({ length: count }, (_, i) => (i === 0 ? single : rest));
  }
  return Array.from({ length: count }, () => single);
}
