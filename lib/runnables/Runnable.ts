import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { FallbacksOptions } from './FallbacksOptions.js';
import { composition } from './internal/composition.js';
import type { RetryOptions } from './RetryOptions.js';
import type { RunnableLike, RunnableOutput } from './RunnableLike.js';
import type { RunListeners } from './RunListeners.js';
import { RunnableViews } from './RunnableViews.js';

/**
 * The base of every component: a prompt, a model, a parser, a lambda, a sequence.
 *
 * A subclass implements one thing, its step: an RxJS operator from the stream of input
 * chunks to the stream of output chunks. Everything else is derived: the calls that
 * consume a run (`invoke`, `batch`, `stream`, `stream$`, from `RunnableCore`), its views
 * (`streamEvents`, `events$`, `streamLog`, `log$`, `start`, `asOperator`, from
 * `RunnableViews`) and its compositions (`pipe`, `withConfig`, `withRetry`,
 * `withFallbacks`), here. Every run goes through one lifecycle operator that reports its
 * events.
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
export abstract class Runnable<I = unknown, O = unknown> extends RunnableViews<I, O> {
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

  /**
   * Chains a `RunnablePick` after this runnable: one key gives that key's value, an array of
   * keys an object of those keys; object chunks are picked as they stream.
   *
   * @param keys - the key or keys to keep.
   * @returns a `RunnableSequence` ending in the pick.
   *
   * @example
   * ```ts
   * import { RunnableMap } from 'rxchain';
   *
   * const both = RunnableMap.from({ a: (x: number) => x + 1, b: (x: number) => x * 2 });
   * console.log(await both.pick('b').invoke(5)); // => 10
   * ```
   */
  pick<K extends keyof O & string>(keys: K): Runnable<I, O[K]>;
  pick<K extends keyof O & string>(keys: readonly K[]): Runnable<I, { [P in K]: O[P] }>;
  pick(keys: string | readonly string[]): Runnable<I, unknown> {
    return composition().pick(this, keys) as Runnable<I, unknown>;
  }

  /**
   * A copy of this runnable that calls listeners around each of its runs, as LangChain.js's
   * `withListeners`: `onStart` before it runs, `onEnd` with the aggregated output once it
   * ended (before the run completes, so a `stream` consumer's loop ends after it),
   * `onError` when it failed (before the error is passed on). Each gets the `Run` (id,
   * name, `inputs`, `outputs`, `error`...) and the run's config; a returned Promise is
   * awaited, and a listener that throws fails the run. A run the consumer stops early
   * calls neither `onEnd` nor `onError`. No run is added: the listeners see this
   * runnable's own run, with the `run_id` its events carry.
   *
   * @param listeners - `onStart`, `onEnd`, `onError`.
   * @returns a runnable that reports as this one.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   *
   * const seen: string[] = [];
   * const shout = RunnableLambda.from(function shout(x: string) {
   *   return x.toUpperCase();
   * }, { name: 'shout' }).withListeners({
   *   onStart: (run) => void seen.push(`start ${run.name} ${String(run.inputs['input'])}`),
   *   onEnd: (run) => void seen.push(`end ${String(run.outputs?.['output'])}`),
   * });
   * console.log(await shout.invoke('hi'), seen); // => 'HI', ['start shout hi', 'end HI']
   * ```
   */
  withListeners(listeners: RunListeners): Runnable<I, O> {
    return composition().listeners(this, listeners) as Runnable<I, O>;
  }
}
