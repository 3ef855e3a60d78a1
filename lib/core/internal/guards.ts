import { asyncScheduler, type Subscription, timer } from 'rxjs';
import { AbortError } from '../../errors/AbortError.js';
import { describeValue } from '../../errors/internal/describeValue.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { TimeoutError } from '../../errors/TimeoutError.js';
import type { RunnableConfig } from '../RunnableConfig.js';
import type { RunContext } from '../RunContext.js';

/** The limits of one run that its lifecycle watches. */
export interface RunGuards {
  /** The run has started (it has its input): arms `firstChunkTimeout`. */
  started(): void;
  /** The run emitted a chunk: disarms `firstChunkTimeout`, (re)arms `idleTimeout`. */
  chunk(): void;
  /** Stops every timer and listener. */
  stop(): void;
}

/** Whether a config sets anything `installGuards` watches. */
export function isGuarded(config: RunnableConfig | undefined): boolean {
  return (
    config !== undefined &&
    (config.signal !== undefined ||
      config.timeout !== undefined ||
      config.firstChunkTimeout !== undefined ||
      config.idleTimeout !== undefined)
  );
}

/**
 * Watches the config's signal and its three time limits, all on the RxJS scheduler:
 * `timeout` from subscription to the end, `firstChunkTimeout` from the run's start to its
 * first chunk, `idleTimeout` between chunks (and from the last chunk to the end). Calls
 * `fail` when one trips. Returns undefined when there is nothing to watch or the signal
 * was already aborted (then `fail` has been called).
 */
export function installGuards(
  run: RunContext,
  config: RunnableConfig | undefined,
  fail: (error: unknown) => void,
): RunGuards | undefined {
  if (!isGuarded(config)) return undefined;
  const { signal, timeout, firstChunkTimeout, idleTimeout } = config as RunnableConfig;
  if (signal?.aborted === true) {
    fail(abortReason(signal));
    return undefined;
  }
  const onAbort = (): void => fail(abortReason(signal as AbortSignal));
  signal?.addEventListener('abort', onAbort, { once: true });
  const whole: Subscription | undefined =
    timeout !== undefined ? timer(timeout).subscribe(() => fail(new TimeoutError(run.name, timeout))) : undefined;
  let first: Subscription | undefined;
  let firstArmed = false;
  let idle: Subscription | undefined;
  let lastChunk = 0;
  // One idle timer at a time: when it fires early (chunks came meanwhile) it re-arms for
  // the rest of the quiet period, so a long stream does not allocate a timer per chunk.
  const armIdle = (after: number): void => {
    idle = timer(after).subscribe(() => {
      idle = undefined;
      const quiet = asyncScheduler.now() - lastChunk;
      if (quiet >= (idleTimeout as number)) fail(new TimeoutError(run.name, idleTimeout as number, 'idleTimeout'));
      else armIdle((idleTimeout as number) - quiet);
    });
  };
  return {
    started: () => {
      if (firstArmed || firstChunkTimeout === undefined) return;
      firstArmed = true;
      first = timer(firstChunkTimeout).subscribe(() =>
        fail(new TimeoutError(run.name, firstChunkTimeout, 'firstChunkTimeout')),
      );
    },
    chunk: () => {
      firstArmed = true;
      if (first !== undefined) {
        first.unsubscribe();
        first = undefined;
      }
      if (idleTimeout === undefined) return;
      lastChunk = asyncScheduler.now();
      if (idle === undefined) armIdle(idleTimeout);
    },
    stop: () => {
      signal?.removeEventListener('abort', onAbort);
      whole?.unsubscribe();
      first?.unsubscribe();
      first = undefined;
      idle?.unsubscribe();
      idle = undefined;
    },
  };
}

/**
 * The error a run fails with when its signal aborts: the reason itself when it is an
 * `Error` of the caller's, else an `AbortError` (caused by the reason). The platform's
 * own reasons (`DOMException`s, from `abort()` without a reason or `AbortSignal.timeout`)
 * become an `AbortError` too, so a plain abort fails with the same class in every realm.
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (isDomException(reason)) {
    const message = reason.name === 'AbortError' ? 'The run was aborted.' : `The run was aborted: ${reason.message}`;
    return new AbortError(message, { cause: reason });
  }
  if (reason instanceof Error) return reason;
  return new AbortError(reason === undefined ? 'The run was aborted.' : describeValue(reason), { cause: reason });
}

function isDomException(value: unknown): value is { readonly name: string; readonly message: string } {
  return Object.prototype.toString.call(value) === '[object DOMException]';
}

const MILLISECOND_OPTIONS = ['timeout', 'firstChunkTimeout', 'idleTimeout'] as const;
/** The longest delay a JavaScript timer can wait (2³¹ − 1 ms). */
const MAX_TIMER = 2_147_483_647;

/** Checks the numeric options of a run's config; throws `InvalidArgumentError`. */
export function validateConfig(config: RunnableConfig | undefined): void {
  if (config === undefined) return;
  for (const option of MILLISECOND_OPTIONS) {
    const value = config[option];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new InvalidArgumentError(
        option,
        `${option} must be a positive number of milliseconds, got ${String(value)}.`,
      );
    }
    if (value !== undefined && value > MAX_TIMER) {
      // A longer timer would overflow and fire at once.
      throw new InvalidArgumentError(
        option,
        `${option} must be at most ${MAX_TIMER} ms (about 24.8 days), got ${String(value)}. For no limit, leave it out.`,
      );
    }
  }
  const { maxConcurrency, recursionLimit } = config;
  if (
    maxConcurrency !== undefined &&
    !(Number.isInteger(maxConcurrency) && maxConcurrency > 0) &&
    maxConcurrency !== Infinity
  ) {
    throw new InvalidArgumentError(
      'maxConcurrency',
      `maxConcurrency must be a positive integer, got ${String(maxConcurrency)}.`,
    );
  }
  if (recursionLimit !== undefined && !(Number.isInteger(recursionLimit) && recursionLimit > 0)) {
    throw new InvalidArgumentError(
      'recursionLimit',
      `recursionLimit must be a positive integer, got ${String(recursionLimit)}.`,
    );
  }
}
