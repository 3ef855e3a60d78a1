import { mergeMap, type Observable, of } from 'rxjs';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Runnable } from './Runnable.js';

/** The input of a `RouterRunnable`: which runnable to run, and its input. */
export interface RouterInput<I = unknown> {
  /** The key of the runnable to run. */
  readonly key: string;
  /** The input handed to it. */
  readonly input: I;
}

/**
 * Runs one of several runnables chosen by the input's `key`, on the input's `input`, and
 * streams its chunks. The chosen runnable is a child run; an unknown key fails the run with
 * an `InvalidArgumentError` naming the keys there are.
 *
 * @typeParam I - the input type of the routed runnables.
 * @typeParam O - their output chunk type.
 *
 * @example
 * ```ts
 * import { RouterRunnable, RunnableLambda } from 'rxchain';
 *
 * const router = new RouterRunnable({
 *   runnables: {
 *     upper: RunnableLambda.from((x: string) => x.toUpperCase()),
 *     lower: RunnableLambda.from((x: string) => x.toLowerCase()),
 *   },
 * });
 * console.log(await router.invoke({ key: 'upper', input: 'Hi' })); // => 'HI'
 * ```
 */
export class RouterRunnable<I = unknown, O = unknown> extends Runnable<RouterInput<I>, O> {
  /** The runnables, by key. */
  readonly runnables: Readonly<Record<string, Runnable<I, O>>>;

  /**
   * @param fields - `runnables`: the runnables, by key.
   */
  constructor(fields: { readonly runnables: Readonly<Record<string, Runnable<I, O>>> }) {
    super();
    this.runnables = { ...fields.runnables };
  }

  /** The chosen runnable's chunks: reported by the router only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'RouterRunnable';
  }

  protected _step(input$: Observable<RouterInput<I>>, run: RunContext): Observable<O> {
    return input$.pipe(
      mergeMap((routed) => {
        const key = (routed as Partial<RouterInput<I>> | null)?.key;
        const runnable =
          typeof key === 'string' && Object.prototype.hasOwnProperty.call(this.runnables, key)
            ? this.runnables[key]
            : undefined;
        if (runnable === undefined) {
          throw new InvalidArgumentError(
            'key',
            `No runnable associated with key ${JSON.stringify(key)}. ` +
              `Pass { key, input } with key one of: ${Object.keys(this.runnables)
                .map((k) => JSON.stringify(k))
                .join(', ')}.`,
          );
        }
        return runnable._run(of(routed.input), { parent: run, knownInput: { value: routed.input } });
      }),
    );
  }
}
