import { Observable } from 'rxjs';
import type { RunSource } from '../lifecycle.js';
import type { RunnableConfig } from '../RunnableConfig.js';
import type { EventSink, RunEvent } from '../RunEvent.js';
import { callOf } from './callInput.js';

/**
 * Runs `runnable` with a listener attached and emits every lifecycle record of the run
 * and its descendants, in the order they happen; completes after the root's `end`, and
 * errors (after the `error` records) with the run's error. This is the one source the
 * public event APIs map. When the call is nested in another observed run, that run's
 * listener receives the records too.
 */
export function recordRun<I, O>(
  runnable: RunSource<I, O>,
  input: I | Observable<I>,
  config?: RunnableConfig,
): Observable<RunEvent> {
  const call = callOf(input, config);
  return new Observable<RunEvent>((subscriber) => {
    const { input$, origin } = call();
    const outer = origin.parent?.sink;
    const sink: EventSink =
      outer === undefined
        ? subscriber
        : {
            next: (event) => {
              outer.next(event);
              subscriber.next(event);
            },
          };
    return runnable
      ._run(input$, { ...origin, sink })
      .subscribe({ error: (error: unknown) => subscriber.error(error), complete: () => subscriber.complete() });
  });
}
