import { map, type Observable } from 'rxjs';
import type { StreamEvent } from '../../events/StreamEvent.js';
import { wireError } from '../../events/wireError.js';

/**
 * The events as they may be sent to a client: the `error` of an `on_*_error` (or a
 * restart) event is replaced by its {@link wireError} form, so that a thrown value, a
 * stack or a file path never leaves the process (unless `debug`).
 */
export function wireEvents(events$: Observable<StreamEvent>, debug: boolean): Observable<StreamEvent> {
  return events$.pipe(
    map((event) => {
      const data = event.data as { error?: unknown } | undefined;
      if (data === undefined || data.error === undefined) return event;
      return { ...event, data: { ...data, error: wireError(data.error, debug) } } as StreamEvent;
    }),
  );
}
