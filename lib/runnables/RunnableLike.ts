import type { Observable } from 'rxjs';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunnableCore } from './RunnableCore.js';

/**
 * A function usable as a step: called with the step's whole input and the run's config.
 * It may return a value, a Promise, an Observable or AsyncIterable of chunks, or a
 * runnable to run on the same input.
 */
export type RunnableFunc<I, R> = (input: I, config: RunnableConfig) => R;

/**
 * Anything `pipe` and `RunnableSequence.from` accept as a step: a runnable, a function
 * (becomes a `RunnableLambda`), or an object of steps (becomes a `RunnableMap`).
 */
export type RunnableLike<I = never, O = unknown> =
  RunnableCore<I, O> | RunnableFunc<I, unknown> | { readonly [key: string]: RunnableLike<I> };

/** The output type of what a lambda function returns. */
export type LambdaOutput<R> =
  Awaited<R> extends RunnableCore<never, infer O>
    ? O
    : Awaited<R> extends Observable<infer C>
      ? C
      : Awaited<R> extends AsyncIterable<infer C>
        ? C
        : Awaited<R>;

/** The input type of a `RunnableLike` (`unknown` when it does not say). */
export type RunnableInput<R> =
  R extends RunnableCore<infer I, unknown>
    ? I
    : R extends (input: infer I, ...rest: never[]) => unknown
      ? I
      : R extends { readonly [key: string]: unknown }
        ? MapInput<R>
        : unknown;

/** The input type of an object of steps: what every branch accepts (the intersection). */
export type MapInput<T> = { [K in keyof T]: (input: RunnableInput<T[K]>) => void }[keyof T] extends (
  input: infer I,
) => void
  ? I
  : unknown;

/** The output type of a `RunnableLike`. */
export type RunnableOutput<R> =
  R extends RunnableCore<never, infer O>
    ? O
    : R extends (input: never, config: never) => infer Ret
      ? LambdaOutput<Ret>
      : R extends { readonly [key: string]: unknown }
        ? { -readonly [K in keyof R]: RunnableOutput<R[K]> }
        : never;

/**
 * An operator from input chunks to output chunks. Declared through a method so that a
 * runnable of a narrower input still counts as a `Runnable<unknown, unknown>` (method
 * parameters are compared bivariantly), as it does everywhere else on the class.
 */
export type RunnableOperator<I, O> = { bivariant(source$: Observable<I>): Observable<O> }['bivariant'];
