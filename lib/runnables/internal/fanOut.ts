import { Observable, ReplaySubject, Subject, type Subscription } from 'rxjs';

type Note<I> =
  | { readonly kind: 'next'; readonly value: I }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'complete' };

function deliver<I>(target: Subject<I>, note: Note<I>): void {
  if (note.kind === 'next') target.next(note.value);
  else if (note.kind === 'error') target.error(note.error);
  else target.complete();
}

/**
 * Hands one input stream to `count` branches, in the order LangChain.js's map gives:
 * nothing is subscribed before the first notification of the input; then every branch is
 * subscribed (so the branches start, in order, before any of them sees a chunk), and the
 * input goes to them. What the input gave while it was being subscribed (all of it, for
 * an input already known) goes to each branch whole in turn; what comes later goes to
 * every branch chunk by chunk. An input that fails before its first chunk fails the
 * output without starting a branch. With `replay`, a branch subscribed late (a
 * concurrency limit) still sees the whole input.
 *
 * @param input$ - the shared input.
 * @param count - how many branches.
 * @param replay - whether each branch's input replays what came before it subscribed.
 * @param branches - makes the output from one input stream per branch.
 * @returns the output, subscribing the input once.
 */
export function fanOut<I, O>(
  input$: Observable<I>,
  count: number,
  replay: boolean,
  branches: (inputs: readonly Observable<I>[]) => Observable<O>,
): Observable<O> {
  return new Observable<O>((subscriber) => {
    const inputs: Subject<I>[] = [];
    for (let index = 0; index < count; index++) inputs.push(replay ? new ReplaySubject<I>() : new Subject<I>());
    let output: Subscription | undefined;
    let held: Note<I>[] | undefined = [];
    const open = (first: Note<I>): boolean => {
      if (output !== undefined) return true;
      if (first.kind === 'error') {
        subscriber.error(first.error);
        return false;
      }
      output = branches(inputs).subscribe(subscriber);
      return true;
    };
    const toAll = (note: Note<I>): void => {
      if (held !== undefined) {
        held.push(note);
        return;
      }
      if (!open(note)) return;
      for (const input of inputs) {
        if (subscriber.closed) return;
        deliver(input, note);
      }
    };
    const source = input$.subscribe({
      next: (value) => {
        if (held !== undefined || output === undefined) return toAll({ kind: 'next', value });
        // A streamed chunk once every branch is open: straight on, with nothing allocated.
        for (const input of inputs) {
          if (subscriber.closed) return;
          input.next(value);
        }
      },
      error: (error: unknown) => toAll({ kind: 'error', error }),
      complete: () => toAll({ kind: 'complete' }),
    });
    const early = held;
    // Notes that come while the known part is handed on wait for it, then go to all.
    held = [];
    const first = early[0];
    if (first !== undefined && open(first)) {
      for (const input of inputs) {
        for (const note of early) {
          if (subscriber.closed) break;
          deliver(input, note);
        }
      }
    }
    const later = held;
    held = undefined;
    for (const note of later) toAll(note);
    return () => {
      source.unsubscribe();
      output?.unsubscribe();
    };
  });
}
