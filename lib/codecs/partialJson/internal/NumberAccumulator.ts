import { DIGIT_0, DOT, MINUS, PLUS, isDigit } from './charCodes.js';

// Grammar states: JSON number = -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
const START = 0;
const AFTER_MINUS = 1;
const ZERO = 2; // complete
const INTEGER = 3; // complete
const AFTER_DOT = 4;
const FRACTION = 5; // complete
const AFTER_E = 6;
const AFTER_E_SIGN = 7;
const EXPONENT = 8; // complete

/**
 * How many characters of an unfinished number its visible value is read from.
 * Beyond this (more than any double needs to round correctly, and past the
 * 309 digits where an integer part becomes Infinity) the visible value stays
 * that of the first `VISIBLE_LENGTH` characters until the number completes,
 * so showing a long number costs O(1) per chunk instead of O(its length).
 */
const VISIBLE_LENGTH = 1100;

/**
 * Accumulates the text of one JSON number across chunks and follows the
 * number grammar, so it knows whether the text so far is a complete number
 * and what the best value of an incomplete one is.
 *
 * Incomplete numbers are shown by dropping the unfinished tail: `1.` → 1,
 * `1e`, `1e+`, `1e-` → 1, `-1.5e` → -1.5; a lone `-` has no value yet.
 * Complete numbers are converted with `Number`, which agrees with `JSON.parse`
 * on every JSON number (including `-0` and out-of-range values). An unfinished
 * number longer than 1,100 characters shows the value of its first 1,100
 * (`final` gives the exact value once it completes).
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class NumberAccumulator {
  private text = '';
  private state = START;
  /** The visible value of the first `VISIBLE_LENGTH` characters, once computed. */
  private head: number | undefined = undefined;

  /** Starts a new number; its first character is consumed by `scan`. */
  begin(): void {
    this.text = '';
    this.state = START;
    this.head = undefined;
  }

  /** Whether the text so far is a complete JSON number. */
  get complete(): boolean {
    const state = this.state;
    return state === ZERO || state === INTEGER || state === FRACTION || state === EXPONENT;
  }

  /**
   * Consumes number characters from `chunk[start, end)`.
   *
   * @returns the index of the first character that cannot continue the
   *   number (not consumed), or `end`
   */
  scan(chunk: string, start: number, end: number): number {
    let i = start;
    let state = this.state;
    while (i < end) {
      const next = step(state, chunk.charCodeAt(i));
      if (next < 0) break;
      state = next;
      i++;
    }
    this.state = state;
    if (i > start) this.text += chunk.slice(start, i);
    return i;
  }

  /** The exact value of the text so far (O(its length): read once, at the end). */
  final(): number | undefined {
    return this.exact();
  }

  /** The best value of the number so far, or undefined for `` or `-`. */
  value(): number | undefined {
    if (this.text.length <= VISIBLE_LENGTH) return this.exact();
    if (this.head === undefined) {
      // Drop a cut-off exponent mark (and its sign): the prefix's own rule.
      this.head = Number(this.text.slice(0, VISIBLE_LENGTH).replace(/[eE][+-]?$/, ''));
    }
    return this.head;
  }

  private exact(): number | undefined {
    switch (this.state) {
      case START:
      case AFTER_MINUS:
        return undefined;
      case AFTER_E:
        return Number(this.text.slice(0, -1));
      case AFTER_E_SIGN:
        return Number(this.text.slice(0, -2));
      default:
        // `Number('1.')` is 1 and `Number('-0.')` is -0, as wanted for AFTER_DOT.
        return Number(this.text);
    }
  }
}

/** The state after `code`, or -1 when `code` cannot continue the number. */
function step(state: number, code: number): number {
  const isExponentMark = (code | 0x20) === 0x65; /* e or E */
  switch (state) {
    case START:
      if (code === MINUS) return AFTER_MINUS;
      if (code === DIGIT_0) return ZERO;
      return isDigit(code) ? INTEGER : -1;
    case AFTER_MINUS:
      if (code === DIGIT_0) return ZERO;
      return isDigit(code) ? INTEGER : -1;
    case ZERO:
      if (code === DOT) return AFTER_DOT;
      return isExponentMark ? AFTER_E : -1;
    case INTEGER:
      if (isDigit(code)) return INTEGER;
      if (code === DOT) return AFTER_DOT;
      return isExponentMark ? AFTER_E : -1;
    case AFTER_DOT:
      return isDigit(code) ? FRACTION : -1;
    case FRACTION:
      if (isDigit(code)) return FRACTION;
      return isExponentMark ? AFTER_E : -1;
    case AFTER_E:
      if (code === PLUS || code === MINUS) return AFTER_E_SIGN;
      return isDigit(code) ? EXPONENT : -1;
    case AFTER_E_SIGN:
    case EXPONENT:
      return isDigit(code) ? EXPONENT : -1;
    default:
      return -1;
  }
}
