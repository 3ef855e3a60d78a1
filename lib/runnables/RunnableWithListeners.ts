import {
  asyncScheduler,
  catchError,
  concat,
  defer,
  EMPTY,
  from,
  ignoreElements,
  mergeMap,
  of,
  tap,
  throwError,
  type Observable,
} from 'rxjs';
import { accumulatorOrConcat, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { defaultIdGenerator } from '../core/ids.js';
import type { ChunkReporting, InputMode, TraceOptions } from '../core/lifecycle.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { toError } from '../errors/toError.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import { Runnable } from './Runnable.js';
import type { Run, RunListener, RunListeners } from './RunListeners.js';

/**
 * A runnable whose runs call listeners (made by `withListeners`). Like a binding it adds
 * no run of its own: the listeners see the wrapped runnable's run, with its id.
 */
export class RunnableWithListeners<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The runnable that runs. */
  readonly bound: Runnable<I, O>;
  /** The listeners. */
  readonly listeners: RunListeners;

  /**
   * @param bound - the runnable that runs.
   * @param listeners - `onStart`, `onEnd`, `onError`.
   */
  constructor(bound: Runnable<I, O>, listeners: RunListeners) {
    super();
    this.bound = bound;
    this.listeners = listeners;
  }

  override get runType(): RunType {
    return this.bound.runType;
  }

  override get inputMode(): InputMode {
    return this.bound.inputMode;
  }

  override get chunkReporting(): ChunkReporting {
    return this.bound.chunkReporting;
  }

  override getName(): string {
    return this.name ?? this.bound.getName();
  }

  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.bound.outputAccumulator(upstream);
  }

  override inputForEvents(input: I): unknown {
    return this.bound.inputForEvents(input);
  }

  override _run(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this.#listened(input$, origin, (source$, withId) => this.bound._run(source$, withId));
  }

  override _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this.#listened(input$, origin, (source$, withId) => this.bound._runWhole(source$, withId));
  }

  /** Never called: the wrapped runnable's step runs. */
  protected _step(_input$: Observable<I>, _run: RunContext): Observable<O> {
    return EMPTY;
  }

  #listened(
    input$: Observable<I>,
    origin: TraceOptions,
    runBound: (input$: Observable<I>, origin: TraceOptions) => Observable<O>,
  ): Observable<O> {
    return defer(() => {
      const given = origin.config ?? {};
      const id = given.runId ?? (given.idGenerator ?? origin.parent?.idGenerator ?? defaultIdGenerator)();
      const config: RunnableConfig = { ...given, runId: id };
      const known = origin.knownInput;
      const run: Run = {
        id,
        name: given.runName ?? this.getName(),
        run_type: this.runType,
        parent_run_id: origin.parent?.runId,
        tags: [...(given.tags ?? [])],
        extra: { metadata: { ...given.metadata } },
        inputs: known !== undefined ? this.#inputs(known.value as I) : {},
        start_time: asyncScheduler.now(),
      };
      const inputs = accumulatorOrConcat(origin.inputAccumulator);
      const source$ =
        known !== undefined
          ? input$
          : input$.pipe(
              tap({
                next: (chunk) => inputs.add(chunk),
                complete: () => {
                  run.inputs = this.#inputs(inputs.value() as I);
                },
              }),
            );
      const output = this.bound.outputAccumulator(origin.inputAccumulator);
      const ended$ = defer(() => {
        run.outputs = this.#outputs(output.value());
        run.end_time = asyncScheduler.now();
        return call(this.listeners.onEnd, run, config);
      });
      const body$ = concat(
        runBound(source$, { ...origin, config }).pipe(tap((chunk) => output.add(chunk))),
        ended$.pipe(ignoreElements()),
      ).pipe(
        catchError((thrown: unknown) => {
          const error = toError(thrown);
          if (run.end_time !== undefined || this.listeners.onError === undefined) return throwError(() => error);
          run.error = error.message;
          run.end_time = asyncScheduler.now();
          return call(this.listeners.onError, run, config).pipe(mergeMap(() => throwError(() => error)));
        }),
      );
      return concat(call(this.listeners.onStart, run, config).pipe(ignoreElements()), body$);
    });
  }

  #inputs(input: I): Record<string, unknown> {
    return asRecord(this.bound.inputForEvents(input), 'input');
  }

  #outputs(output: O | undefined): Record<string, unknown> {
    if ((this.runType === 'chat_model' || this.runType === 'llm') && output !== undefined) {
      const text = output instanceof BaseMessage ? output.text : String(output);
      const generation = output instanceof BaseMessage ? { text, message: output } : { text };
      return { generations: [[generation]] };
    }
    return asRecord(output, 'output');
  }
}

/**
 * Calls a listener (if any) at subscription, as an Observable of one value: at once for a
 * listener that returns nothing, once its Promise settles for one that returns a Promise.
 */
function call(listener: RunListener | undefined, run: Run, config: RunnableConfig): Observable<void> {
  if (listener === undefined) return of(undefined);
  return defer(() => {
    const result = listener(run, config);
    return result instanceof Promise ? from(result) : of(undefined);
  });
}

function asRecord(value: unknown, key: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return { ...(value as Record<string, unknown>) };
  }
  return { [key]: value };
}
