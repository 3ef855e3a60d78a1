/**
 * The states of `JsonScanner` and the shape of its errors.
 *
 * Internal to `lib/codecs/partialJson`; not part of the public API.
 */

/** a value must come (document start, after ':', after ',' in an array) */
export const VALUE = 0;
/** after '[': a value or ']' */
export const ARRAY_FIRST = 1;
/** after '{': a key or '}' */
export const OBJECT_FIRST = 2;
/** after ',' in an object: a key */
export const KEY = 3;
/** after a key: ':' */
export const COLON_NEXT = 4;
/** after a value: ',' or the closer (or nothing at top level) */
export const AFTER_VALUE = 5;
/** State IN_STRING. */
export const IN_STRING = 6;
/** State IN_NUMBER. */
export const IN_NUMBER = 7;
/** State IN_LITERAL. */
export const IN_LITERAL = 8;
/** State FAILED. */
export const FAILED = 9;

/** A syntax error found by a scanner, as data. */
export interface ScanError {
  readonly message: string;
  readonly position: number;
  /** Set when the error is nesting deeper than the limit (its value is the limit). */
  readonly depthLimit?: number | undefined;
}

/**
 * What the grammar allows in `state`, for error messages.
 *
 * @param state - the scanner state
 * @param depth - the number of open containers
 * @param inArray - whether the innermost one is an array
 */
export function expectation(state: number, depth: number, inArray: boolean): string {
  switch (state) {
    case VALUE:
      return 'a JSON value';
    case ARRAY_FIRST:
      return "a JSON value or ']'";
    case OBJECT_FIRST:
      return "a double-quoted key or '}'";
    case KEY:
      return 'a double-quoted key';
    case COLON_NEXT:
      return "':'";
    default:
      if (depth === 0) return 'the end of the input after a complete JSON value';
      return inArray ? "',' or ']'" : "',' or '}'";
  }
}
