import { describeValue } from './internal/describeValue.js';
import { toError } from './toError.js';

/** An error as JSON shows it: its name, its message and, where set, its cause. */
export interface SerializedError {
  /** The error's class name, e.g. `"TypeError"` or `"ToolInputError"`. */
  readonly name: string;
  /** The error's message. */
  readonly message: string;
  /** The error's `cause`: an error serialized the same way, or a bounded text of any other value. */
  readonly cause?: SerializedError | string;
}

const MAX_CAUSE_DEPTH = 4;

/**
 * The JSON form of a thrown value: `{ name, message, cause? }`, never a stack, never the
 * value's own fields (which may hold secrets). A value that is not an `Error` gives
 * `{ name: "ThrownValueError", message }` with a bounded text of it, like `toError`. A
 * chain of causes is followed four levels deep.
 *
 * @param error - what a run failed with.
 * @returns a plain object `JSON.stringify` can write.
 *
 * @example
 * ```ts
 * import { serializeError } from 'rxchain';
 *
 * const error = new Error('outer', { cause: new RangeError('inner') });
 * console.log(JSON.stringify(serializeError(error))); // => '{"name":"Error","message":"outer","cause":{"name":"RangeError","message":"inner"}}'
 * ```
 */
export function serializeError(error: unknown): SerializedError {
  return serializeAt(error, 0);
}

function serializeAt(error: unknown, depth: number): SerializedError {
  if (!(error instanceof Error)) {
    const wrapped = toError(error);
    return { name: wrapped.name, message: wrapped.message };
  }
  const base = { name: error.name, message: error.message };
  const cause: unknown = error.cause;
  if (cause === undefined || depth >= MAX_CAUSE_DEPTH) return base;
  return { ...base, cause: cause instanceof Error ? serializeAt(cause, depth + 1) : describeValue(cause) };
}
