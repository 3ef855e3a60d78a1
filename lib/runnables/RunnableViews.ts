import type { Observable } from 'rxjs';
import type { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { streamEvents, streamEvents$, type StreamEventsOptions } from '../events/streamEvents.js';
import type { StreamEvent, StreamEventFilters } from '../events/StreamEvent.js';
import type { RunLog, RunLogPatch } from '../runlog/RunLog.js';
import { streamLog, streamLog$, type StreamLogOptions } from '../runlog/streamLog.js';
import { RunHandle, type RunHandleOptions } from '../runs/RunHandle.js';
import { RunnableCore } from './RunnableCore.js';
import type { RunnableOperator } from './RunnableLike.js';

/**
 * The views of a run every runnable has, under the compositions `Runnable` adds: its
 * events (`streamEvents`, `events$`), its run log (`streamLog`, `log$`), one run with many
 * views (`start`), and the runnable as an RxJS operator (`asOperator`). Extend `Runnable`,
 * not this class.
 *
 * @typeParam I - the input type.
 * @typeParam O - the output chunk type.
 *
 * @example
 * ```ts
 * import { RunnableLambda, type RunnableViews } from 'rxchain';
 *
 * const views: RunnableViews<string, string> = RunnableLambda.from((x: string) => x.toUpperCase());
 * console.log(await views.start('hi').output); // => 'HI'
 * ```
 */
export abstract class RunnableViews<I = unknown, O = unknown> extends RunnableCore<I, O> {
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
   * }, { name: 'upper' });
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
   * }, { name: 'double' });
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
   *   }, { name: 'trim' }),
   *   RunnableLambda.from(function shout(x: string) {
   *     return x.toUpperCase();
   *   }, { name: 'shout' }),
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
   * }, { name: 'double' });
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
   * Starts one run with many views: the returned handle's `output`, `stream$`, `events$`,
   * `log$`, `text$`, `toolCalls$`, `partial$` and `usage$` all read the same execution
   * (the model is called once), which begins when the first view subscribes. A view's
   * unsubscribe detaches it; `handle.cancel()` cancels the run, as does the last view
   * detaching (unless `keepAlive`).
   *
   * @param input - the input, or an Observable of input chunks.
   * @param config - options for the run.
   * @param options - `keepAlive`, and how many records to keep for views that attach late.
   * @returns the run's handle.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const shout = RunnableLambda.from((x: string) => x.toUpperCase());
   * const run = shout.start('hey');
   * const chunks: string[] = [];
   * for await (const chunk of run.stream()) chunks.push(chunk);
   * console.log(chunks, await run.output); // => ['HEY'], 'HEY'
   * ```
   */
  start(input: I | Observable<I>, config?: RunnableConfig, options?: RunHandleOptions): RunHandle<O> {
    return new RunHandle<O>(this, input, config, options);
  }
}
