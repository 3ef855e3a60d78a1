import { Observable, Subscriber } from 'rxjs';

/**
 * `input$.pipe(mergeMap(project))`, made of two subscriber objects per input value and
 * no closures: what a whole-input step (a chat model) runs on its one input. `mergeMap`
 * keeps five closures, their scopes and a buffer alive for as long as the inner stream
 * runs, which for a reply waiting on its reader is the whole reply.
 *
 * @param input$ - the input values.
 * @param project - the stream of outputs of one input value.
 * @returns the outputs of every input value, merged; it completes once the input and
 *   every inner stream have completed, and fails with the first error of any of them.
 */
export function mergeProject<I, O>(input$: Observable<I>, project: (input: I) => Observable<O>): Observable<O> {
  return new Observable<O>((subscriber) => {
    input$.subscribe(new OuterSubscriber(subscriber, project));
  });
}

class OuterSubscriber<I, O> extends Subscriber<I> implements Outer<O> {
  active = 0;
  inputDone = false;

  constructor(
    readonly output: Subscriber<O>,
    readonly project: (input: I) => Observable<O>,
  ) {
    super(output);
  }

  protected override _next(value: I): void {
    let inner$: Observable<O>;
    try {
      inner$ = this.project(value);
    } catch (error) {
      this.output.error(error);
      return;
    }
    this.active++;
    inner$.subscribe(new InnerSubscriber(this));
  }

  protected override _complete(): void {
    this.inputDone = true;
    this.unsubscribe();
    if (this.active === 0) this.output.complete();
  }

  /** One inner stream has completed. */
  innerDone(): void {
    if (--this.active === 0 && this.inputDone) this.output.complete();
  }
}

/** What an inner stream's subscriber reports to. */
interface Outer<O> {
  readonly output: Subscriber<O>;
  innerDone(): void;
}

class InnerSubscriber<O> extends Subscriber<O> {
  readonly #outer: Outer<O>;

  constructor(outer: Outer<O>) {
    super(outer.output);
    this.#outer = outer;
  }

  protected override _complete(): void {
    this.unsubscribe();
    this.#outer.innerDone();
  }
}
