import {
  catchError,
  concatWith,
  defer,
  ignoreElements,
  mergeMap,
  Observable,
  ReplaySubject,
  type SchedulerLike,
  Subscription,
  tap,
  throwError,
  timer,
  toArray,
} from 'rxjs';
import type { OutputAccumulator } from '../../core/accumulators.js';

/** A failed attempt, as the plan sees it. */
export interface AttemptFailure<I> {
  /** Which attempt failed (1-based). */
  readonly attempt: number;
  /** What it failed with. */
  readonly error: unknown;
  /** How many of its chunks were passed on before it failed. */
  readonly delivered: number;
  /** The input received so far, aggregated. */
  input(): I;
}

/** What to do after a failed attempt: give up with an error, or start the next one. */
export type AttemptDecision =
  { readonly fail: unknown } | { readonly retryAfter: number; readonly scheduler?: SchedulerLike | undefined };

/** How a run tries its attempts: retries and fallbacks are two plans. */
export interface AttemptPlan<I, O> {
  /**
   * Whether the caller sees only the aggregate (`invoke`): each attempt's output is then
   * held back until the attempt succeeds, so a failure at any point can start over.
   */
  readonly whole: boolean;
  /** How input chunks add up (for `AttemptFailure.input`). */
  readonly inputAccumulator: () => OutputAccumulator<unknown>;
  /** Starts attempt `attempt` on the (replayed) input; `previous` is the last attempt's error. */
  start(attempt: number, input$: Observable<I>, previous: unknown): Observable<O>;
  /** Decides after a failure. Not consulted when the input itself failed. */
  decide(failure: AttemptFailure<I>): AttemptDecision;
}

/**
 * Runs attempts one after another until one succeeds or the plan gives up. The input is
 * subscribed once and replayed to every attempt (a later attempt sees what came so far,
 * then the rest as it arrives), so a retry never re-runs upstream steps. An error of the
 * input itself ends the run at once: no attempt could do better. All state lives in the
 * subscription; unsubscribing tears down the current attempt, a pending delay and the input.
 */
export function runAttempts<I, O>(input$: Observable<I>, plan: AttemptPlan<I, O>): Observable<O> {
  return new Observable<O>((subscriber) => {
    const replay = new ReplaySubject<I>();
    const upstream = new Subscription();
    let connected = false;
    let inputFailed = false;
    const replayed$ = new Observable<I>((attemptSubscriber) => {
      const subscription = replay.subscribe(attemptSubscriber);
      if (!connected) {
        connected = true;
        upstream.add(
          input$.subscribe({
            next: (chunk) => replay.next(chunk),
            error: (error: unknown) => {
              inputFailed = true;
              replay.error(error);
            },
            complete: () => replay.complete(),
          }),
        );
      }
      return subscription;
    });
    const inputSoFar = (): I => aggregate(replay, plan.inputAccumulator) as I;

    const attempt = (n: number, previous: unknown): Observable<O> => {
      let delivered = 0;
      const output$ = defer(() => plan.start(n, replayed$, previous));
      const passed$ = plan.whole
        ? output$.pipe(
            toArray(),
            mergeMap((chunks) => chunks),
          )
        : output$.pipe(tap(() => delivered++));
      return passed$.pipe(
        catchError((error: unknown) => {
          if (inputFailed) return throwError(() => error);
          const decision = plan.decide({ attempt: n, error, delivered, input: inputSoFar });
          if ('fail' in decision) return throwError(() => decision.fail);
          const next$ = defer(() => attempt(n + 1, error));
          return decision.retryAfter > 0
            ? timer(decision.retryAfter, decision.scheduler).pipe(ignoreElements(), concatWith(next$))
            : next$;
        }),
      );
    };

    const subscription = attempt(1, undefined).subscribe(subscriber);
    return () => {
      subscription.unsubscribe();
      upstream.unsubscribe();
    };
  });
}

/** The chunks a replay holds so far, added up (undefined when there are none). */
function aggregate<T>(replay: ReplaySubject<T>, accumulate: () => OutputAccumulator<unknown>): T | undefined {
  const total = accumulate();
  const reader = replay.subscribe({ next: (chunk) => total.add(chunk), error: () => undefined });
  reader.unsubscribe();
  return total.value() as T | undefined;
}
