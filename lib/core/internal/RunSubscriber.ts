import { Subscriber } from 'rxjs';
import { toError } from '../../errors/toError.js';
import { markFailedRun } from '../failedRun.js';
import type { RunInfo } from '../RunEvent.js';

/**
 * The subscriber of an unobserved run (nobody listens, no limit set): passes chunks and
 * completion on to `destination` and marks an error with the run it surfaced in. One
 * object per run, linked to `destination` as RxJS's own operators link theirs, so a run
 * that waits for its reader holds no observer object, closures or their scope.
 */
export class RunSubscriber<O> extends Subscriber<O> {
  readonly #run: RunInfo;

  /**
   * @param destination - the run's subscriber.
   * @param run - the run errors are marked with.
   */
  constructor(destination: Subscriber<O>, run: RunInfo) {
    super(destination);
    this.#run = run;
  }

  protected override _error(thrown: unknown): void {
    const error = toError(thrown);
    markFailedRun(error, this.#run);
    super._error(error);
  }
}
