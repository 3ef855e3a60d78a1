import { Observable } from 'rxjs';
import { AbortError } from '../../errors/AbortError.js';
import type { RunnableConfig } from '../RunnableConfig.js';
import type { RunContext } from '../RunContext.js';
import { runInContext } from './currentConfig.js';
import { configForRun } from './runLink.js';

/** What a step hands the user code it calls during one run. */
export interface UserScope {
  /**
   * The config the user code receives: linked to the run (passing it to a nested call
   * makes that call a child), with a signal that aborts when the run is cancelled.
   */
  readonly config: RunnableConfig;
  /** Calls `fn` with `config` as the current config (the implicit context). */
  readonly enter: <R>(fn: () => R) => R;
  /** Registers work to do when the run is torn down before it finished. */
  readonly onCancel: (teardown: (reason: AbortError) => void) => void;
}

/**
 * Runs a step that calls user code (a lambda's function, a tool's function, a
 * retriever's search): gives it a config linked to `run` whose signal is the run's own,
 * aborted when the parent's signal aborts or when the run is unsubscribed before it
 * finished. `body` builds the output; it is called at subscription.
 *
 * @param run - the run the user code belongs to.
 * @param body - builds the output from the scope.
 * @returns the output, cancellable.
 */
export function inUserScope<O>(run: RunContext, body: (scope: UserScope) => Observable<O>): Observable<O> {
  return new Observable<O>((subscriber) => {
    const controller = new AbortController();
    const parentSignal = run.signal;
    const onParentAbort = (): void => controller.abort(parentSignal?.reason);
    if (parentSignal?.aborted === true) controller.abort(parentSignal.reason);
    else parentSignal?.addEventListener('abort', onParentAbort, { once: true });
    const config = configForRun(run, controller.signal);
    const cancellers: ((reason: AbortError) => void)[] = [];
    const scope: UserScope = {
      config,
      enter: (fn) => runInContext(config, fn),
      onCancel: (teardown) => {
        cancellers.push(teardown);
      },
    };
    let done = false;
    let output$: Observable<O>;
    try {
      output$ = body(scope);
    } catch (error) {
      parentSignal?.removeEventListener('abort', onParentAbort);
      subscriber.error(error);
      return undefined;
    }
    const subscription = output$.subscribe({
      next: (chunk) => subscriber.next(chunk),
      error: (error: unknown) => {
        done = true;
        subscriber.error(error);
      },
      complete: () => {
        done = true;
        subscriber.complete();
      },
    });
    return () => {
      parentSignal?.removeEventListener('abort', onParentAbort);
      subscription.unsubscribe();
      if (!done) {
        const reason = new AbortError(`Run "${run.name}" was cancelled.`);
        for (const cancel of cancellers) cancel(reason);
        controller.abort(reason);
      }
    };
  });
}
