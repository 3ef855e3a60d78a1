import type { ObservableIterator } from '../../adapters/ObservableIterator.js';
import { abortReason } from './guards.js';

/**
 * Makes `signal` abort the consumer's side of a run too: if it aborts after the run has
 * finished producing, the iterator's next read rejects with the abort error instead of
 * returning the values still waiting to be read (as LangChain's streams do). An abort
 * during the run fails the run itself, as before.
 *
 * @param iterator - the iterator a `stream()` or `streamEvents()` caller reads.
 * @param signal - the run's signal, if any.
 * @returns the iterator.
 */
export function abortIteration<T>(
  iterator: ObservableIterator<T>,
  signal: AbortSignal | undefined,
): ObservableIterator<T> {
  if (signal === undefined || signal.aborted) return iterator;
  signal.addEventListener('abort', () => iterator.abort(abortReason(signal)), { once: true });
  return iterator;
}
