import { map, type Observable } from 'rxjs';
import type { StreamEvent } from '../../events/StreamEvent.js';
import { wireError } from '../../events/wireError.js';
import { toLangServeJson } from '../langServeJson.js';

/**
 * The events as they may be sent to a client: their data in LangServe's JSON (messages
 * with all their fields, documents, prompt values), and the `error` of an `on_*_error`
 * (or a restart) event replaced by its {@link wireError} form, so that a thrown value, a
 * stack or a file path never leaves the process (unless `debug`).
 */
export function wireEvents(events$: Observable<StreamEvent>, debug: boolean): Observable<StreamEvent> {
  return events$.pipe(
    map((event) => {
      const data = event.data as { error?: unknown } | undefined;
      if (data === undefined) return event;
      if (data.error === undefined)
        return { ...event, data: toLangServeJson(data) as StreamEvent['data'] } as StreamEvent;
      const rest = toLangServeJson({ ...data, error: undefined }) as Record<string, unknown>;
      return { ...event, data: { ...rest, error: wireError(data.error, debug) } } as StreamEvent;
    }),
  );
}
