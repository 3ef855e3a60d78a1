/** A resolved backoff: every field set. */
export interface Backoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  /** Full jitter: wait a random share of the exponential delay. */
  readonly jitter: boolean;
  /** Numbers in [0, 1). */
  readonly random: () => number;
}

/** The longest wait a server's `retryAfter` may ask for: a minute. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** A number in [0, 1) from the platform's cryptographic source (lib/ never calls Math.random). */
export function cryptoRandom(): number {
  const [value] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return (value ?? 0) / 2 ** 32;
}

/** `min(maxDelayMs, initialDelayMs × factor^(attempt-1))`, times `random()` with jitter, in whole ms. */
export function backoffDelayMs(attempt: number, backoff: Backoff): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.factor ** (attempt - 1));
  return Math.floor(backoff.jitter ? backoff.random() * ceiling : ceiling);
}

/** The milliseconds an error's `retryAfter` (seconds, as `ApiCallError` carries it) asks for, capped at a minute. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter < 0) return undefined;
  return Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
}
