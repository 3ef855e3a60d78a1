/**
 * Character codes and character classes shared by the partial-JSON scanners.
 *
 * Internal to `lib/parsers`; not part of the public API.
 */

/** `"` */
export const QUOTE = 0x22;
/** `\` */
export const BACKSLASH = 0x5c;
/** `` ` `` */
export const BACKTICK = 0x60;
/** `,` */
export const COMMA = 0x2c;
/** `:` */
export const COLON = 0x3a;
/** `-` */
export const MINUS = 0x2d;
/** `+` */
export const PLUS = 0x2b;
/** `.` */
export const DOT = 0x2e;
/** `0` */
export const DIGIT_0 = 0x30;
/** `9` */
export const DIGIT_9 = 0x39;
/** `[` */
export const OPEN_BRACKET = 0x5b;
/** `]` */
export const CLOSE_BRACKET = 0x5d;
/** `{` */
export const OPEN_BRACE = 0x7b;
/** `}` */
export const CLOSE_BRACE = 0x7d;

/**
 * Whether `code` is JSON whitespace (space, tab, line feed, carriage return).
 * Other Unicode spaces are not whitespace in JSON.
 */
export function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Whether `code` is an ASCII digit `0`-`9`. */
export function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/**
 * Whether `code` can be the first character of a JSON value:
 * `{`, `[`, `"`, `-`, a digit, or the first letter of `true`, `false`, `null`.
 */
export function isValueStart(code: number): boolean {
  return (
    code === OPEN_BRACE ||
    code === OPEN_BRACKET ||
    code === QUOTE ||
    code === MINUS ||
    isDigit(code) ||
    code === 0x74 /* t */ ||
    code === 0x66 /* f */ ||
    code === 0x6e /* n */
  );
}

/**
 * The value (0-15) of the hexadecimal digit `code`, or -1 when it is not one.
 */
export function hexValue(code: number): number {
  if (code >= DIGIT_0 && code <= DIGIT_9) return code - DIGIT_0;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Describes the character at `index` of `text` for an error message:
 * printable characters are quoted (`'x'`), control characters are given as
 * `U+000A`.
 */
export function describeChar(text: string, index: number): string {
  const code = text.charCodeAt(index);
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${text.charAt(index)}'`;
}

/**
 * Builds the standard message for an unexpected character.
 *
 * @param text - the chunk holding the character
 * @param index - its index in `text`
 * @param position - its position in the whole input
 * @param expected - what the grammar allowed there, e.g. `"',' or ']'"`
 */
export function unexpectedCharacter(text: string, index: number, position: number, expected: string): string {
  return `Unexpected character ${describeChar(text, index)} at position ${position}: expected ${expected}`;
}
