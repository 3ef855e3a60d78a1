/**
 * What a pull-capable source asks its consumer before producing more: whether the
 * consumer already holds enough unread values, and a way to be woken when it has read
 * them. An `ObservableIterator` is one; a source finds the demand of the iterator that
 * subscribes it through {@link activeDemand}.
 *
 * Internal to `lib/adapters`; not part of the public API.
 */
export interface Demand {
  /** The consumer holds as many unread values as it wants: pause before the next one. */
  readonly satisfied: boolean;
  /** Calls `resume` once, when the consumer wants more (or never, once it has stopped). */
  whenWanted(resume: () => void): void;
  /** Cancels a `whenWanted` call that has not happened yet. */
  cancel(resume: () => void): void;
}

let current: Demand | undefined;

/**
 * Runs `subscribe` with `demand` as the demand that pull-capable sources subscribed
 * during the call pause on (the innermost call wins, so a nested iterator's demand
 * covers the sources it subscribes).
 *
 * @param demand - the subscribing consumer's demand, or undefined for none.
 * @param subscribe - subscribes the source.
 * @returns what `subscribe` returned.
 */
export function withDemand<R>(demand: Demand | undefined, subscribe: () => R): R {
  const previous = current;
  current = demand;
  try {
    return subscribe();
  } finally {
    current = previous;
  }
}

/** The demand of the consumer subscribing right now, if it has one. */
export function activeDemand(): Demand | undefined {
  return current;
}

/**
 * The demand of one consumer: `satisfied` as the consumer says, and the sources paused
 * on it, resumed together when the consumer wants more.
 */
export class DemandGate implements Demand {
  // Most consumers have one paused source: it waits in `#first`, any others in `#more`.
  #first: (() => void) | undefined;
  #more: (() => void)[] | undefined;

  /** @param isSatisfied - whether the consumer holds as many unread values as it wants. */
  constructor(private readonly isSatisfied: () => boolean) {}

  get satisfied(): boolean {
    return this.isSatisfied();
  }

  whenWanted(resume: () => void): void {
    if (this.#first === undefined && this.#more === undefined) this.#first = resume;
    else (this.#more ??= []).push(resume);
  }

  cancel(resume: () => void): void {
    if (this.#first === resume) {
      this.#first = undefined;
      return;
    }
    const at = this.#more?.indexOf(resume) ?? -1;
    if (at >= 0) this.#more?.splice(at, 1);
  }

  /** Whether some source is paused. */
  get paused(): boolean {
    return this.#first !== undefined || (this.#more !== undefined && this.#more.length > 0);
  }

  /** Resumes every paused source, in the order they paused (each may pause again). */
  resume(): void {
    const first = this.#first;
    const more = this.#more;
    this.#first = undefined;
    this.#more = undefined;
    first?.();
    if (more !== undefined) for (const resume of more) resume();
  }

  /** Forgets the paused sources (the consumer has stopped). */
  clear(): void {
    this.#first = undefined;
    this.#more = undefined;
  }
}
