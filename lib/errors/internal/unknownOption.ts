import { InvalidArgumentError } from '../InvalidArgumentError.js';

/**
 * The error for the first key of `options` that is not in `known` (symbol keys are
 * internal and skipped), or undefined when every key is known. The message names the
 * method, the key, a hint for a key known to be misplaced, and the keys that are valid.
 *
 * @param method - how the caller wrote the call, e.g. `streamEvents()`.
 * @param options - the options object as given.
 * @param known - the valid keys.
 * @param hints - for keys that belong elsewhere, where to put them.
 * @returns the error, or undefined.
 */
export function unknownOptionError(
  method: string,
  options: object,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): InvalidArgumentError | undefined {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = Object.hasOwn(hints, key) ? ` ${hints[key] ?? ''}` : '';
    return new InvalidArgumentError(
      key,
      `${method} has no option ${JSON.stringify(key)}.${hint} Valid options: ${known.join(', ')}.`,
    );
  }
  return undefined;
}
