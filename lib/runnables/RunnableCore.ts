import { lastValueFrom, Observable } from 'rxjs';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator, type IteratorBufferOptions } from '../adapters/ObservableIterator.js';
import { concatAccumulator, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { aggregate$ } from '../core/aggregate.js';
import { abortIteration } from '../core/internal/abortIteration.js';
import { callOf } from '../core/internal/callInput.js';
import { traced, type ChunkReporting, type InputMode, type TraceOptions } from '../core/lifecycle.js';
import type { BatchOptions, RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { runBatch } from './internal/batch.js';

/**
 * What every runnable is made of, under the views and compositions `Runnable` adds: the
 * hooks a subclass answers (its step, its run type and input mode, how its chunks add
 * up) and the calls that consume one run (`stream$`, `invoke`, `stream`, `batch`).
 * Extend `Runnable`, not this class; it exists so that the types of chains can name a
 * runnable without naming the compositions.
 *
 * @typeParam I - the input type.
 * @typeParam O - the output chunk type (and, aggregated, the output of `invoke`).
 *
 * @example
 * ```ts
 * import { RunnableLambda, type RunnableCore } from 'rxchain';
 *
 * const step: RunnableCore<number, number> = RunnableLambda.from((x: number) => x + 1);
 * console.log(await step.invoke(1)); // => 2
 * ```
 */
export abstract class RunnableCore<I = unknown, O = unknown> {
  /** The name runs of this runnable report, unless a `runName` is given. */
  name?: string;

  /** The kind of component; names its events. @default 'chain' */
  get runType(): RunType {
    return 'chain';
  }

  /**
   * `'whole'` if the step needs its complete input before it starts (the input chunks
   * are aggregated first), `'stream'` if it transforms chunks as they come, `'gather'` if
   * its run starts at the first input chunk but the step gets the aggregated input (a
   * lambda, as LangChain's).
   * @default 'stream'
   */
  get inputMode(): InputMode {
    return 'stream';
  }

  /**
   * Which runs report their output chunks as stream events: `'always'` for a step that
   * transforms a stream, `'root'` for a composition whose chunks are a child's (only the
   * run being listened to reports them), `'rootOutput'` for a step that produces one value
   * (reported, as the listened-to run, by v1 events and the run log, not by v2 events).
   * LangChain.js's rule.
   * @default 'always'
   */
  get chunkReporting(): ChunkReporting {
    return 'always';
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
   * How this runnable's output chunks add up to its output: the one aggregation hook.
   * `invoke`, `batch`, the `end` event's output, the run log's `final_output` and the
   * server's `/invoke` all aggregate through the accumulator it returns. The default
   * joins chunks with `concat`; cumulative steps (each chunk the whole value so far)
   * return `lastChunkAccumulator()`, steps that pass their input on return `upstream`'s.
   *
   * @param upstream - how this run's input chunks add up (the step before it), if known.
   * @returns a fresh accumulator.
   */
  outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    void upstream;
    return concatAccumulator<O>();
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
   * `batch`, `/invoke`), so no chunk counts as delivered before the end. Retries and
   * fallbacks use this to start over at any point.
   * @internal Composition primitives call this; use `invoke` instead.
   */
  _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this._run(input$, origin);
  }

  /**
   * One run's final output as a cold Observable that emits once: the aggregate of the
   * chunks of `_runWhole`, through `outputAccumulator`. `invoke` and the server's
   * `/invoke` and `/batch` are this.
   * @internal Use `invoke`.
   */
  _output$(input: I | Observable<I>, config?: RunnableConfig): Observable<O> {
    const call = callOf(input, config);
    return new Observable<O>((subscriber) => {
      const { input$, origin } = call();
      const upstream = origin.inputAccumulator;
      // An empty run's output is `undefined`, as LangChain's is; the type says `O` as it does there.
      const output$ = aggregate$(this._runWhole(input$, origin), () => this.outputAccumulator(upstream));
      return (output$ as Observable<O>).subscribe(subscriber);
    });
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
    const call = callOf(input, config);
    return new Observable<O>((subscriber) => {
      const { input$, origin } = call();
      return this._run(input$, origin).subscribe(subscriber);
    });
  }

  /**
   * Runs the runnable to completion.
   *
   * @param input - the input.
   * @param config - options for this run.
   * @returns the aggregate of all output chunks (see `outputAccumulator`).
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
    return lastValueFrom(this._output$(input, config));
  }

  /**
   * Runs the runnable and returns its output chunks as an async iterable (also a
   * `ReadableStream`). The promise resolves once the first chunk is ready, so an error
   * before any output rejects it; a later error rejects the iteration. `break` cancels
   * the run and never throws. Aborting `config.signal` rejects the next read with an
   * `AbortError`, even after the run has finished producing.
   *
   * @param input - the input.
   * @param config - options for this run; `buffer` bounds the chunks held for a slow
   *   consumer (see `IteratorBufferOptions`; unbounded by default).
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
  async stream(
    input: I,
    config?: RunnableConfig & { buffer?: IteratorBufferOptions | undefined },
  ): Promise<IterableReadableStream<O>> {
    const iterator = abortIteration(
      new ObservableIterator(this.stream$(input, config), config?.buffer),
      config?.signal,
    );
    await iterator.ready();
    return new IterableReadableStream(iterator);
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
  batch(
    inputs: readonly I[],
    config?: RunnableConfig | readonly RunnableConfig[],
    options?: BatchOptions,
  ): Promise<(O | Error)[]> {
    return runBatch(inputs, config, options, (input, runConfig) => this.invoke(input, runConfig));
  }
}
