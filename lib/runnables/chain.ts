import type { LambdaOutput } from './RunnableLike.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { RunnableLambda } from './RunnableLambda.js';

/**
 * Makes a named runnable from a function, like LangChain's `@chain` decorator: its runs
 * are named after the function (a plain `RunnableLambda` is named `RunnableLambda`, as in
 * LangChain.js), and runnables it calls (with or without passing
 * `config`) nest under it.
 *
 * @param fn - the function; its name names the runs.
 * @returns a `RunnableLambda`.
 *
 * @example
 * ```ts
 * import { chain } from 'rxchain';
 *
 * const reverseWord = chain(function reverseWord(word: string) {
 *   return [...word].reverse().join('');
 * });
 * console.log(reverseWord.getName(), await reverseWord.invoke('abc')); // => 'reverseWord', 'cba'
 * ```
 */
export function chain<I, R>(fn: (input: I, config: RunnableConfig) => R): RunnableLambda<I, LambdaOutput<R>> {
  return RunnableLambda.from(fn, fn.name !== '' ? { name: fn.name } : undefined);
}
