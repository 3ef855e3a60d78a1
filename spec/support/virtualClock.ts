import { VirtualAction, VirtualTimeScheduler, type SchedulerAction, type Subscription } from 'rxjs';

/**
 * A virtual-time scheduler for specs that also do real I/O (a local HTTP server): every
 * action scheduled on it runs on the next microtask turn, in time order, with `now()`
 * advanced to its due time. So a wait of a minute takes no wall-clock time, while the
 * virtual clock shows exactly how long the code waited. `waits` records every delay asked for.
 */
export class VirtualClock extends VirtualTimeScheduler {
  /** The delays scheduled, in ms, in order. */
  readonly waits: number[] = [];
  #flushing = false;

  constructor() {
    super(VirtualAction, Infinity);
  }

  override schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    this.waits.push(delay);
    const subscription = super.schedule(work, delay, state);
    if (!this.#flushing) {
      this.#flushing = true;
      queueMicrotask(() => {
        this.#flushing = false;
        this.flush();
      });
    }
    return subscription;
  }
}
