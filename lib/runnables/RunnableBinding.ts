import { EMPTY, type Observable } from 'rxjs';
import type { AccumulatorFactory, OutputAccumulator } from '../core/accumulators.js';
import type { ChunkReporting, InputMode, TraceOptions } from '../core/lifecycle.js';
import { Runnable } from './Runnable.js';
import { layerConfigs, mergeConfigs, type RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';

/**
 * A runnable with config bound to it (made by `withConfig`). It adds no run of its own:
 * the bound runnable's run carries the merged config (tags join, the call's options win,
 * the binding's metadata wins; see `mergeConfigs`).
 *
 * @example
 * ```ts
 * import { RunnableLambda, RunnableBinding } from 'rxchain';
 *
 * const bound = new RunnableBinding(RunnableLambda.from((x: string) => x), { runName: 'echo' });
 * console.log(bound.getName(), await bound.invoke('hi')); // => 'echo', 'hi'
 * ```
 */
export class RunnableBinding<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The runnable that runs. */
  readonly bound: Runnable<I, O>;
  /** The bound config. */
  readonly config: RunnableConfig;

  /**
   * @param bound - the runnable that runs.
   * @param config - the config to merge into every call.
   */
  constructor(bound: Runnable<I, O>, config: RunnableConfig) {
    super();
    this.bound = bound;
    this.config = config;
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
    return this.config.runName ?? this.name ?? this.bound.getName();
  }

  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.bound.outputAccumulator(upstream);
  }

  override inputForEvents(input: I): unknown {
    return this.bound.inputForEvents(input);
  }

  override withConfig(config: RunnableConfig): Runnable<I, O> {
    return new RunnableBinding(this.bound, layerConfigs(this.config, config));
  }

  override _run(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this.bound._run(input$, { ...origin, config: mergeConfigs(this.config, origin.config) });
  }

  override _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return this.bound._runWhole(input$, { ...origin, config: mergeConfigs(this.config, origin.config) });
  }

  /** Never called: a binding runs its bound runnable's step. */
  protected _step(_input$: Observable<I>, _run: RunContext): Observable<O> {
    return EMPTY;
  }
}
