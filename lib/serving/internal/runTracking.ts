import { defer, finalize, Observable } from 'rxjs';

/** Counts the runs a handler has open (subscribed, not yet ended or cancelled). */
export class OpenRuns {
  #count = 0;

  /** How many runs are open now. */
  get count(): number {
    return this.#count;
  }

  /** `run$`, counted as open from its subscription until it ends or is unsubscribed. */
  track<T>(run$: Observable<T>): Observable<T> {
    return defer(() => {
      this.#count++;
      return run$.pipe(finalize(() => this.#count--));
    });
  }
}

const NONE: unique symbol = Symbol('none');

/** How a run awaited for a JSON answer ended. */
export type Outcome<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'cancelled' };

/**
 * Awaits the last value of `source$`; when `signal` aborts first (the client left), it
 * unsubscribes, which cancels the run, and settles as cancelled.
 */
export function settle<T>(source$: Observable<T>, signal: AbortSignal | undefined): Promise<Outcome<T>> {
  return new Promise<Outcome<T>>((resolve) => {
    if (signal?.aborted === true) {
      resolve({ kind: 'cancelled' });
      return;
    }
    let last: T | typeof NONE = NONE;
    const onAbort = (): void => {
      subscription.unsubscribe();
      resolve({ kind: 'cancelled' });
    };
    const subscription = source$.subscribe({
      next: (value) => {
        last = value;
      },
      error: (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        resolve({ kind: 'error', error });
      },
      complete: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(
          last === NONE
            ? { kind: 'error', error: new Error('The run ended without output.') }
            : { kind: 'value', value: last },
        );
      },
    });
    if (!subscription.closed) signal?.addEventListener('abort', onAbort, { once: true });
  });
}
