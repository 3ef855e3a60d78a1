import { lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  sequentialIds,
  type Runnable,
  type StreamEvent,
  type StreamEventFilters,
  type StreamEventsOptions,
} from 'rxchain';

/** All v2 events of one run, with deterministic ids r1, r2, ... */
export function eventsOf<I, O>(
  runnable: Runnable<I, O>,
  input: I | Observable<I>,
  filters?: StreamEventFilters,
  options: Partial<StreamEventsOptions> = {},
): Promise<StreamEvent[]> {
  return lastValueFrom(
    runnable.events$(input, { idGenerator: sequentialIds('r'), ...options }, filters).pipe(toArray()),
  );
}

/** `event:name` for each event. */
export function labels(events: readonly StreamEvent[]): string[] {
  return events.map((e) => `${e.event}:${e.name}`);
}
