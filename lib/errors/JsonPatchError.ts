import { RxchainError } from './RxchainError.js';

/**
 * Raised by `applyPatch` (and so by `RunLogPatch.concat` / `RunLog.concat`) when an
 * operation cannot be applied: a malformed JSON Pointer, a path whose parent does not
 * exist, an array index past the end, a path through a value that is not an object or
 * array, an unknown `op`, or a `test` that fails. The document is left unchanged.
 *
 * @example
 * ```ts
 * import { applyPatch, JsonPatchError } from 'rxchain';
 *
 * let caught: unknown;
 * try {
 *   applyPatch({ a: 1 }, [{ op: 'add', path: '/b/c', value: 2 }]);
 * } catch (error) {
 *   caught = error;
 * }
 * console.log(caught instanceof JsonPatchError); // => true
 * console.log((caught as JsonPatchError).path, (caught as JsonPatchError).index); // => '/b/c', 0
 * ```
 */
export class JsonPatchError extends RxchainError {
  override name = 'JsonPatchError';

  /** Never retried: the same patch fails the same way. */
  readonly isRetryable: boolean = false;

  /**
   * @param problem - what is wrong, and how to fix it.
   * @param index - the position of the failing operation in the patch.
   * @param operation - the failing operation, as it was given.
   * @param path - the operation's `path`, when it has one.
   */
  constructor(
    problem: string,
    readonly index: number,
    readonly operation: unknown,
    readonly path: string | undefined,
  ) {
    super(`Cannot apply JSON Patch operation ${index} (${describe(operation)}): ${problem}`);
  }
}

function describe(operation: unknown): string {
  if (operation === null || typeof operation !== 'object') return String(operation);
  const { op, path } = operation as { op?: unknown; path?: unknown };
  return `${typeof op === 'string' ? op : '?'} at ${typeof path === 'string' ? JSON.stringify(path) : '?'}`;
}
