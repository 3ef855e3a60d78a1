import { mergeMap, type Observable, of } from 'rxjs';
import type { AccumulatorFactory, OutputAccumulator } from '../core/accumulators.js';
import { aggregate$ } from '../core/aggregate.js';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { coerceToRunnable } from './coerceToRunnable.js';
import { Runnable } from './Runnable.js';
import type { RunnableLike } from './RunnableLike.js';

/** A condition and the runnable that runs when it holds. */
export type Branch<I, O> = readonly [Runnable<I, unknown>, Runnable<I, O>];

/** What `RunnableBranch.from` accepts for a branch: a condition and a runnable, each runnable-like. */
export type BranchLike<I, O> = readonly [RunnableLike<I, unknown>, RunnableLike<I, O>];

/**
 * Runs the first branch whose condition holds (a truthy output), else the default, on the
 * whole input, and **streams** the chosen branch's chunks as they come. Conditions are
 * evaluated in order, each as a child run tagged `condition:N` (N from 1); the chosen branch
 * runs tagged `branch:N`, or `branch:default`. Conditions after the first that holds never run.
 *
 * The output adds up as the default branch's does; give every branch the same kind of
 * output (text, messages, cumulative JSON) so that holds for the branch chosen.
 *
 * @typeParam I - the input type.
 * @typeParam O - the output chunk type of the branches.
 *
 * @example
 * ```ts
 * import { RunnableBranch } from 'rxchain';
 *
 * const sign = RunnableBranch.from([
 *   [(x: number) => x > 0, () => 'positive'],
 *   [(x: number) => x < 0, () => 'negative'],
 *   () => 'zero',
 * ]);
 * console.log(await sign.invoke(-3), await sign.invoke(0)); // => 'negative', 'zero'
 * ```
 */
export class RunnableBranch<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The conditions and their runnables, tried in order. */
  readonly branches: readonly Branch<I, O>[];
  /** The runnable that runs when no condition holds. */
  readonly default: Runnable<I, O>;

  /**
   * @param fields - `branches` (condition, runnable pairs) and the `default` runnable.
   */
  constructor(fields: { readonly branches: readonly Branch<I, O>[]; readonly default: Runnable<I, O> }) {
    super();
    this.branches = [...fields.branches];
    this.default = fields.default;
  }

  /**
   * Makes a branch from `[condition, runnable]` pairs followed by the default; functions
   * and objects of steps are coerced to runnables.
   *
   * @param branches - the pairs, then the default last.
   * @returns the branch.
   * @throws InvalidArgumentError when there is no default, or a pair is not a pair.
   */
  static from<I, O>(branches: readonly [...(readonly BranchLike<I, O>[]), RunnableLike<I, O>]): RunnableBranch<I, O> {
    if (branches.length < 1) {
      throw new InvalidArgumentError(
        'branches',
        'RunnableBranch.from() needs at least a default branch: [[condition, runnable], ..., defaultRunnable].',
      );
    }
    const pairs = branches.slice(0, -1).map((pair, index) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InvalidArgumentError(
          'branches',
          `RunnableBranch.from(): item ${index + 1} must be a [condition, runnable] pair; only the last item is the default.`,
        );
      }
      const [condition, runnable] = pair as BranchLike<I, O>;
      return [coerceToRunnable(condition), coerceToRunnable(runnable) as Runnable<I, O>] as const;
    });
    const fallback = coerceToRunnable(branches[branches.length - 1] as RunnableLike) as Runnable<I, O>;
    return new RunnableBranch<I, O>({ branches: pairs, default: fallback });
  }

  /** The chosen branch's chunks: reported by the branch only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'RunnableBranch';
  }

  override outputAccumulator(upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.default.outputAccumulator(upstream);
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return input$.pipe(mergeMap((input) => this.#from(0, input, run)));
  }

  /** Tries the condition at `index`, then the later ones, then the default. */
  #from(index: number, input: I, run: RunContext): Observable<O> {
    const pair = this.branches[index];
    const knownInput = { value: input };
    if (pair === undefined) {
      return this.default._run(of(input), { parent: run, positionTag: 'branch:default', knownInput });
    }
    const [condition, branch] = pair;
    const holds$ = aggregate$(
      condition._runWhole(of(input), { parent: run, positionTag: `condition:${index + 1}`, knownInput }),
      () => condition.outputAccumulator(),
    );
    return holds$.pipe(
      mergeMap((holds) =>
        holds
          ? branch._run(of(input), { parent: run, positionTag: `branch:${index + 1}`, knownInput })
          : this.#from(index + 1, input, run),
      ),
    );
  }
}
