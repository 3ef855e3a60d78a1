import { connect, filter, map, merge, type Observable } from 'rxjs';
import { accumulatorOrConcat, type AccumulatorFactory, type OutputAccumulator } from '../core/accumulators.js';
import { concat } from '../core/concat.js';
import { Runnable } from './Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { RunnableMap } from './RunnableMap.js';

/**
 * Passes an object input through and adds the keys a `RunnableMap` computes from it.
 * Made by `RunnablePassthrough.assign({...})`. Emits the input's own keys first (those
 * the map does not compute), then the map's pieces as they stream.
 *
 * @example
 * ```ts
 * import { RunnablePassthrough } from 'rxchain';
 *
 * const chain = RunnablePassthrough.assign({ upper: (x: { word: string }) => x.word.toUpperCase() });
 * console.log(await chain.invoke({ word: 'hi' })); // => { word: 'hi', upper: 'HI' }
 * ```
 */
export class RunnableAssign<I extends Record<string, unknown> = Record<string, unknown>, O = I> extends Runnable<I, O> {
  /** The map that computes the added keys. */
  readonly mapper: RunnableMap<I, Record<string, unknown>>;

  /**
   * @param mapper - computes the keys to add.
   */
  constructor(mapper: RunnableMap<I, Record<string, unknown>>) {
    super();
    this.mapper = mapper;
  }

  protected override get defaultName(): string {
    return 'RunnableAssign';
  }

  /**
   * The passed-through keys add up as the input does; each computed key as its branch's
   * output does.
   */
  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    const computedKeys = new Set(Object.keys(this.mapper.steps));
    const kept = accumulatorOrConcat(upstream);
    const computed = this.mapper.outputAccumulator(upstream);
    return {
      add(chunk) {
        const piece = chunk as Record<string, unknown>;
        // A computed piece has one key, computed; a passed-through one has none.
        if (Object.keys(piece).some((key) => computedKeys.has(key))) computed.add(piece);
        else kept.add(piece);
      },
      value() {
        const passed = kept.value() as Record<string, unknown> | undefined;
        const added = computed.value();
        if (passed === undefined || added === undefined) return (passed ?? added) as O | undefined;
        return concat(passed, added) as O;
      },
    };
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    const computed = new Set(Object.keys(this.mapper.steps));
    return input$.pipe(
      map((chunk) => {
        if (chunk === null || typeof chunk !== 'object' || Array.isArray(chunk)) {
          throw new InvalidArgumentError(
            'input',
            `RunnablePassthrough.assign() needs an object input, got ${Array.isArray(chunk) ? 'an array' : typeof chunk}. ` +
              'Wrap the value in an object first, e.g. (x) => ({ question: x }).',
          );
        }
        return chunk;
      }),
      connect((shared$) =>
        merge(
          shared$.pipe(
            map((chunk) => {
              const kept: Record<string, unknown> = {};
              for (const key of Object.keys(chunk)) if (!computed.has(key)) kept[key] = chunk[key];
              return kept;
            }),
            filter((kept) => Object.keys(kept).length > 0),
          ),
          this.mapper._run(shared$, { parent: run, inputAccumulator: run.inputAccumulator }),
        ),
      ),
    ) as Observable<O>;
  }
}
