import { Observable } from 'rxjs';
import { callInput } from './callInput.js';
import type { Runnable } from '../Runnable.js';
import { withImplicitContext } from './currentConfig.js';
import type { RunnableConfig } from '../RunnableConfig.js';
import type { EventSink, RunEvent } from '../RunEvent.js';
import { linkedRun } from './runLink.js';

/**
 * Runs `runnable` with a listener attached and emits every lifecycle record of the run
 * and its descendants, in the order they happen; completes after the root's `end`, and
 * errors (after the `error` records) with the run's error. This is the one source the
 * public event APIs map. When the call is nested in another observed run, that run's
 * listener receives the records too.
 */
export function recordRun<I, O>(
  runnable: Runnable<I, O>,
  input: I | Observable<I>,
  config?: RunnableConfig,
): Observable<RunEvent> {
  const effective = withImplicitContext(config);
  return new Observable<RunEvent>((subscriber) => {
    const parent = linkedRun(effective);
    const outer = parent?.sink;
    const sink: EventSink =
      outer === undefined
        ? subscriber
        : {
            next: (event) => {
              outer.next(event);
              subscriber.next(event);
            },
          };
    const { input$, knownInput } = callInput(input);
    return runnable
      ._run(input$, { parent, config: effective, sink, knownInput, nested: parent !== undefined })
      .subscribe({ error: (error: unknown) => subscriber.error(error), complete: () => subscriber.complete() });
  });
}
