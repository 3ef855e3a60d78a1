import { Observable, Subject, type Subscription } from 'rxjs';
import { AbortError } from '../errors/AbortError.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { RunEvent } from '../core/RunEvent.js';

type Status = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * The records of one run, shared by many views: subscribed once, on the first view; kept
 * (up to `limit`) for views that attach later, which get them replayed first; the run is
 * unsubscribed when it is cancelled, or when its last view detaches (unless `keepAlive`).
 * Internal to `RunHandle`.
 */
export class RunReplay {
  readonly #source: Observable<RunEvent>;
  readonly #limit: number;
  readonly #keepAlive: boolean;
  readonly #live = new Subject<RunEvent>();
  #kept: RunEvent[] = [];
  #overflowed = false;
  #views = 0;
  #status: Status = 'idle';
  #ending: { readonly error?: unknown } | undefined;
  #subscription: Subscription | undefined;
  #rootId: string | undefined;

  constructor(source: Observable<RunEvent>, limit: number, keepAlive: boolean) {
    this.#source = source;
    this.#limit = limit;
    this.#keepAlive = keepAlive;
  }

  get status(): Status {
    return this.#status;
  }

  /** The root run's id: the run of the first record. */
  get rootId(): string | undefined {
    return this.#rootId;
  }

  /** Every record of the run, from its first, for one view. */
  readonly records$: Observable<RunEvent> = new Observable<RunEvent>((view) => {
    if (this.#overflowed) {
      view.error(
        new InvalidArgumentError(
          'replay',
          `This view attached after the run had made more than ${this.#limit} records, the most a RunHandle keeps: ` +
            'attach views before the run starts, or raise { replay } in start().',
        ),
      );
      return undefined;
    }
    for (const record of this.#kept) {
      view.next(record);
      if (view.closed) return undefined;
    }
    const ending = this.#ending;
    if (ending !== undefined) {
      if ('error' in ending) view.error(ending.error);
      else view.complete();
      return undefined;
    }
    this.#views++;
    const attached = this.#live.subscribe(view);
    if (this.#status === 'idle') this.#start();
    return () => {
      attached.unsubscribe();
      this.#views--;
      if (this.#views === 0 && this.#status === 'running' && !this.#keepAlive) {
        this.#stop('cancelled', new AbortError('The run was cancelled: every view of it detached.'));
      }
    };
  });

  /** Ends the run with `error` for every view, now and later (nothing once it ended). */
  cancel(error: Error): void {
    if (this.#ending !== undefined) return;
    this.#stop('cancelled', error);
  }

  #start(): void {
    this.#status = 'running';
    this.#subscription = this.#source.subscribe({
      next: (record) => {
        this.#rootId ??= record.run.runId;
        this.#keep(record);
        this.#live.next(record);
      },
      error: (error: unknown) => {
        this.#status = 'failed';
        this.#ending = { error };
        this.#live.error(error);
      },
      complete: () => {
        this.#status = 'done';
        this.#ending = {};
        this.#live.complete();
      },
    });
  }

  #keep(record: RunEvent): void {
    if (this.#overflowed) return;
    if (this.#kept.length < this.#limit) {
      this.#kept.push(record);
      return;
    }
    // A partial replay would mislead a late view: keep nothing more, and refuse late views.
    this.#overflowed = true;
    this.#kept = [];
  }

  #stop(status: Status, error: Error): void {
    this.#status = status;
    this.#ending = { error };
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#live.error(error);
  }
}
