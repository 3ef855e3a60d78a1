import { defer, from, isObservable, mergeMap, Observable, of } from 'rxjs';
import { fromAsyncIterable, type ContextRunner } from '../adapters/fromAsyncIterable.js';
import { ObservableIterator } from '../adapters/ObservableIterator.js';
import { inUserScope } from '../core/internal/userScope.js';
import type { InputMode } from '../core/lifecycle.js';
import { Runnable } from './Runnable.js';
import type { LambdaOutput } from './RunnableLike.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import { isPromiseLike } from '../core/internal/isPromiseLike.js';

type Kind = 'function' | 'generator' | 'operator';

/** An operator over a run's input chunks, given the run's config. */
export type LambdaOperator<I, O> = (input$: Observable<I>, config: RunnableConfig) => Observable<O>;

/** An async generator function over a run's input chunks. */
export type LambdaGenerator<I, O> = (input: AsyncIterable<I>, config: RunnableConfig) => AsyncIterable<O>;

/** Options for lambdas. */
export interface RunnableLambdaOptions {
  /** The run name. @default 'RunnableLambda' (as LangChain.js; the function's own name is not used) */
  name?: string | undefined;
}

/**
 * A step made from your own code, in one of three forms:
 * - `RunnableLambda.from(fn)` with a plain or async function `(input, config) => output`:
 *   runs once on the whole input. It may return a value, a Promise, an Observable or
 *   AsyncIterable of chunks (streamed), or a runnable (run on the same input).
 * - `RunnableLambda.from(async function* (input) {...})`: an async generator over the
 *   input chunks; streams what it yields.
 * - `RunnableLambda.fromOperator((input$, config) => input$.pipe(...))`: an RxJS operator
 *   over the input chunks.
 *
 * Its runs are named `RunnableLambda`, as LangChain.js names them, whatever the function is
 * called; pass `{ name }` or use `.withConfig({ runName })` to tell one lambda's events apart.
 *
 * Nested runs started from the code (pass `config`, or rely on the implicit context)
 * become children of the lambda's run. When the run is cancelled, `config.signal` aborts.
 *
 * @example
 * ```ts
 * import { RunnableLambda } from 'rxchain';
 *
 * const reverse = RunnableLambda.from((word: string) => [...word].reverse().join(''));
 * const named = reverse.withConfig({ runName: 'reverse' });
 * console.log(reverse.getName(), named.getName(), await reverse.invoke('hello')); // => 'RunnableLambda', 'reverse', 'olleh'
 * ```
 */
export class RunnableLambda<I = unknown, O = unknown> extends Runnable<I, O> {
  readonly #fn: (input: never, config: RunnableConfig) => unknown;
  readonly #kind: Kind;

  /**
   * @param fn - the function, generator function or operator.
   * @param kind - which of the three it is.
   * @param options - the name.
   */
  protected constructor(
    fn: (input: never, config: RunnableConfig) => unknown,
    kind: Kind,
    options?: RunnableLambdaOptions,
  ) {
    super();
    this.#fn = fn;
    this.#kind = kind;
    if (options?.name !== undefined) this.name = options.name;
  }

  override get inputMode(): InputMode {
    // A function runs on the whole input, but its run starts at the first input chunk, as
    // LangChain's lambdas do.
    return this.#kind === 'function' ? 'gather' : 'stream';
  }

  protected override get defaultName(): string {
    return 'RunnableLambda';
  }

  /**
   * Makes a lambda from a function or an async generator function (told apart at run
   * time: an `async function*` streams over the input chunks).
   *
   * @param fn - the function.
   * @param options - the name.
   * @returns the lambda.
   */
  static from<I, O>(fn: LambdaGenerator<I, O>, options?: RunnableLambdaOptions): RunnableLambda<I, O>;
  static from<I, R>(
    fn: (input: I, config: RunnableConfig) => R,
    options?: RunnableLambdaOptions,
  ): RunnableLambda<I, LambdaOutput<R>>;
  static from(fn: (input: never, config: RunnableConfig) => unknown, options?: RunnableLambdaOptions): RunnableLambda {
    return new RunnableLambda(fn, isAsyncGeneratorFunction(fn) ? 'generator' : 'function', options);
  }

  /**
   * Makes a streaming lambda from an RxJS operator over the input chunks.
   *
   * @param operator - `(input$, config) => output$`.
   * @param options - the name.
   * @returns the lambda.
   *
   * @example
   * ```ts
   * import { RunnableLambda } from 'rxchain';
   * import { map } from 'rxjs';
   *
   * const upper = RunnableLambda.fromOperator((input$) => input$.pipe(map((s: string) => s.toUpperCase())));
   * console.log(await upper.invoke('abc')); // => 'ABC'
   * ```
   */
  static fromOperator<I, O>(operator: LambdaOperator<I, O>, options?: RunnableLambdaOptions): RunnableLambda<I, O> {
    return new RunnableLambda<I, O>(operator, 'operator', options);
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return inUserScope(run, ({ config, enter, onCancel }) => {
      switch (this.#kind) {
        case 'operator':
          return defer(() => enter(() => (this.#fn as LambdaOperator<I, O>)(input$, config)));
        case 'generator':
          return defer(() => {
            const inputIterator = new ObservableIterator(input$, { lazy: true });
            onCancel((reason) => inputIterator.close(reason));
            const generator = enter(() => (this.#fn as LambdaGenerator<I, O>)(inputIterator, config));
            return fromAsyncIterable(generator, enter);
          });
        case 'function':
          return input$.pipe(
            mergeMap((input) => {
              const result = enter(() => (this.#fn as (input: I, config: RunnableConfig) => unknown)(input, config));
              return this.#expand(result, input, run, enter);
            }),
          );
      }
    });
  }

  /** Streams what a function returned: values, promises, streams, or runnables. */
  #expand(result: unknown, input: I, run: RunContext, enter: ContextRunner): Observable<O> {
    if (result instanceof Runnable) {
      // One level deeper: past the recursion limit, the returned runnable's run fails.
      return (result as Runnable<I, O>)._run(of(input), { parent: run, nested: true, knownInput: { value: input } });
    }
    if (isObservable(result)) return result as Observable<O>;
    if (isPromiseLike(result)) {
      return from(result).pipe(mergeMap((value) => this.#expand(value, input, run, enter)));
    }
    if (isAsyncIterable(result)) return fromAsyncIterable(result as AsyncIterable<O>, enter);
    if (isGeneratorObject(result)) return from(result as Iterable<O>);
    return of(result as O);
  }
}

function isAsyncGeneratorFunction(fn: unknown): boolean {
  return Object.prototype.toString.call(fn) === '[object AsyncGeneratorFunction]';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}

function isGeneratorObject(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Generator]';
}
