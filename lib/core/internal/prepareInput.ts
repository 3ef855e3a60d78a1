import { Observable } from 'rxjs';
import { accumulatorOrConcat, type OutputAccumulator } from '../accumulators.js';
import type { RunContext } from '../RunContext.js';

/** What the lifecycle learns from a run's input as it flows. */
export interface InputHooks {
  /** A streamed input chunk arrived (streaming steps). */
  onChunk(chunk: unknown): void;
  /** The first input chunk of a whole-input step that starts early arrived. */
  onStart(): void;
  /** The whole input is known (whole-input steps). */
  onWhole(input: unknown): void;
  /** The input completed (streaming steps). */
  onComplete(): void;
  /** The input failed before the step saw its end. */
  onError(): void;
}

/** A fresh accumulator of a run's input chunks: the upstream step's own, else `concat`'s. */
export function inputAccumulator(run: RunContext): OutputAccumulator<unknown> {
  return accumulatorOrConcat(run.inputAccumulator);
}

/**
 * The input stream a step sees: for a whole-input step, one value (the aggregate of the
 * input chunks, or the caller's known input); for a streaming step, the chunks
 * themselves, reported to `hooks` on their way. With `startEarly`, a whole-input step
 * reports its first input chunk (`onChunk`, which starts the run) before it has the whole.
 */
export function prepareInput<I>(
  whole: boolean,
  input$: Observable<I>,
  known: boolean,
  run: RunContext,
  hooks: InputHooks | undefined,
  startEarly = false,
): Observable<I> {
  if (whole) {
    if (known) return input$;
    const early = startEarly ? hooks : undefined;
    return new Observable<I>((subscriber) => {
      let total: OutputAccumulator<unknown> | undefined;
      return input$.subscribe({
        next: (chunk) => {
          if (total === undefined) {
            total = inputAccumulator(run);
            early?.onStart();
          }
          total.add(chunk);
        },
        error: (error: unknown) => {
          hooks?.onError();
          subscriber.error(error);
        },
        complete: () => {
          const value = total?.value() as I;
          hooks?.onWhole(value);
          subscriber.next(value);
          subscriber.complete();
        },
      });
    });
  }
  if (hooks === undefined || known) return input$;
  return new Observable<I>((subscriber) =>
    input$.subscribe({
      next: (chunk) => {
        hooks.onChunk(chunk);
        subscriber.next(chunk);
      },
      error: (error: unknown) => {
        hooks.onError();
        subscriber.error(error);
      },
      complete: () => {
        hooks.onComplete();
        subscriber.complete();
      },
    }),
  );
}
