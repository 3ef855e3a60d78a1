import type { ObservableIterator } from '../../adapters/ObservableIterator.js';
import { abortReason } from './guards.js';

/**
 * Makes `signal` abort the consumer's side of a run too: once it aborts, the iterator's
 * next read rejects with the abort error, even if the run had already finished and its
 * last values are still waiting to be read (as LangChain's streams do).
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
  const onAbort = (): void => iterator.abort(abortReason(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  // A signal shared by many runs must not collect a listener per finished run.
  iterator.onDone(() => signal.removeEventListener('abort', onAbort));
  return iterator;
}
