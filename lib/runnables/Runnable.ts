import type { Observable } from 'rxjs';
import type { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { streamEvents, streamEvents$, type StreamEventsOptions } from '../events/streamEvents.js';
import type { StreamEvent, StreamEventFilters } from '../events/StreamEvent.js';
import type { RunLog, RunLogPatch } from '../runlog/RunLog.js';
import { streamLog, streamLog$, type StreamLogOptions } from '../runlog/streamLog.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { FallbacksOptions } from './FallbacksOptions.js';
import { composition } from './internal/composition.js';
import type { RetryOptions } from './RetryOptions.js';
import { RunnableCore } from './RunnableCore.js';
import type { RunnableLike, RunnableOperator, RunnableOutput } from './RunnableLike.js';

/**
 * The base of every component: a prompt, a model, a parser, a lambda, a sequence.
 *
 * A subclass implements one thing, its step: an RxJS operator from the stream of input
 * chunks to the stream of output chunks. Everything else is derived: the calls that
 * consume a run (`invoke`, `batch`, `stream`, `stream$`, from `RunnableCore`), its views
 * (`streamEvents`, `events$`, `streamLog`, `log$`, `asOperator`) and its compositions
 * (`pipe`, `withConfig`, `withRetry`, `withFallbacks`), here. Every run goes through one
 * lifecycle operator that reports its events.
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
export abstract class Runnable<I = unknown, O = unknown> extends RunnableCore<I, O> {
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
    return (source$) => this.stream$(source$, config);
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
    return composition().sequence(this, [next]) as Runnable<I, RunnableOutput<Next>>;
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
    return composition().bind(this, config) as Runnable<I, O>;
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
    return composition().retry(this, (options ?? {}) as RetryOptions) as Runnable<I, O>;
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
    return composition().fallbacks(this, options) as Runnable<I, O>;
  }
}
