import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { Runnable, RunnableConfig, RunEvent } from 'rxchain';
import { sequentialIds } from 'rxchain';
import { recordRun } from '../../lib/core/internal/recordRun.js';

/** Runs a runnable with a listener and returns every lifecycle record. */
export function recordEvents<I, O>(
  runnable: Runnable<I, O>,
  input: I | Observable<I>,
  config: RunnableConfig = {},
): Promise<RunEvent[]> {
  return lastValueFrom(recordRun(runnable, input, { idGenerator: sequentialIds('r'), ...config }).pipe(toArray()));
}

/** `type:name` for each record, the compact form ordering assertions use. */
export function names(events: readonly RunEvent[]): string[] {
  return events.map((event) => `${event.type}:${event.run.name}`);
}

export { recordRun };
