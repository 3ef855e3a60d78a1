import type { Runnable, RunnableConfig, StreamEvent } from 'rxchain';

/** Seeded, bounded runs so the fault suite stays fast and reproducible. */
export const FAULT_RUNS = { seed: 424242, numRuns: 40 };

/** What a consumer saw: the chunks it pulled, and every error it was given. */
export interface Outcome<T> {
  readonly chunks: T[];
  readonly errors: unknown[];
}

/**
 * Pulls a stream the way `for await` does, recording chunks and errors; with
 * `breakAfter`, stops after that many chunks the way `break` does (and must not throw).
 * After the end (or the error, or the break) it pulls twice more, so that an error
 * delivered a second time, or a chunk after the end, shows up in the outcome.
 */
export async function consume<T>(
  open: () => Promise<AsyncIterable<T>> | AsyncIterable<T>,
  options: { breakAfter?: number } = {},
): Promise<Outcome<T>> {
  const chunks: T[] = [];
  const errors: unknown[] = [];
  let iterable: AsyncIterable<T>;
  try {
    iterable = await open();
  } catch (error) {
    errors.push(error);
    return { chunks, errors };
  }
  const iterator = iterable[Symbol.asyncIterator]();
  for (;;) {
    let result: IteratorResult<T>;
    try {
      result = await iterator.next();
    } catch (error) {
      errors.push(error);
      break;
    }
    if (result.done === true) break;
    chunks.push(result.value);
    if (options.breakAfter === chunks.length) {
      await iterator.return?.();
      break;
    }
  }
  for (let i = 0; i < 2; i++) {
    try {
      const late = await iterator.next();
      if (late.done !== true) chunks.push(late.value);
    } catch (error) {
      errors.push(error);
    }
  }
  return { chunks, errors };
}

/** The v2 events of one run, consumed with `for await`, and the errors the iteration gave. */
export function eventsOutcome<I>(
  runnable: Runnable<I, unknown>,
  input: I,
  config: RunnableConfig = {},
  options: { breakAfter?: number } = {},
): Promise<Outcome<StreamEvent>> {
  return consume(() => runnable.streamEvents(input, { version: 'v2', ...config }), options);
}

/**
 * Checks the shape of an event stream that ended with `error`: every run ends at most
 * once (an `_end` or an `_error`, never both, never twice), nothing follows the root's
 * error event, which carries the very error the consumer got. Returns the names of the
 * runs that reported the error, innermost first.
 */
export function errorPath(events: readonly StreamEvent[], error: unknown): string[] {
  const ended = new Map<string, number>();
  for (const event of events) {
    if (event.event.endsWith('_end') || event.event.endsWith('_error')) {
      ended.set(event.run_id, (ended.get(event.run_id) ?? 0) + 1);
    }
  }
  for (const [runId, count] of ended) {
    if (count !== 1) throw new Error(`run ${runId} ended ${count} times`);
  }
  const root = events[0];
  const last = events[events.length - 1];
  if (root === undefined || last === undefined) throw new Error('no events');
  if (last.run_id !== root.run_id || !last.event.endsWith('_error')) {
    throw new Error(`the stream did not end with the root error event but with ${last.event}:${last.name}`);
  }
  const failures = events.filter((e) => e.event.endsWith('_error'));
  for (const failure of failures) {
    if (failure.data.error !== error) throw new Error(`${failure.event}:${failure.name} carries another error`);
  }
  return failures.map((e) => e.name);
}

/** The text of the chunks of one run's stream events, by run name. */
export function streamedBy(events: readonly StreamEvent[], name: string): unknown[] {
  return events.filter((e) => e.name === name && e.event.endsWith('_stream')).map((e) => e.data.chunk);
}

/** Waits for pending macrotasks (timers of 0 ms excepted) to run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
