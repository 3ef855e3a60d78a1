import { BACKSLASH, QUOTE, hexValue } from './charCodes.js';

/** Status of a {@link StringAccumulator} after a call to `scan`. */
export const STRING_OPEN = 0;
/** The closing quote was consumed. */
export const STRING_CLOSED = 1;
/** An invalid character was found; see `errorIndex` / `errorReason`. */
export const STRING_ERROR = 2;

const ESC_NONE = 0;
const ESC_BACKSLASH = 1;
const ESC_UNICODE = 2;

/**
 * Decodes the body of one JSON string incrementally, across any number of
 * chunks.
 *
 * Text grows with `+=` (V8 ropes make repeated appends cheap), never by
 * re-joining pieces. What is shown before the string is closed (`text`)
 * leaves out an incomplete escape (a dangling `\`, a cut `\u12`) and a
 * trailing unpaired high surrogate, which is held back until the next
 * character arrives so that a chunk boundary never shows half a character.
 * `take()` returns the complete string, including a lone surrogate when the
 * document really contains one (as `JSON.parse` keeps it).
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class StringAccumulator {
  /** Decoded text so far, without the held-back surrogate. */
  text = '';
  /** One of STRING_OPEN, STRING_CLOSED, STRING_ERROR. */
  status = STRING_OPEN;
  /** Index (in the chunk) of the offending character after an error. */
  errorIndex = 0;
  /** What was expected at `errorIndex`, for the error message. */
  errorReason = '';

  private held = '';
  private escape = ESC_NONE;
  private hexCount = 0;
  private codeUnit = 0;

  /** Starts a new string (after its opening quote). */
  begin(): void {
    this.text = '';
    this.held = '';
    this.status = STRING_OPEN;
    this.escape = ESC_NONE;
  }

  /** The complete string, once `status` is STRING_CLOSED; resets the text. */
  take(): string {
    const complete = this.text + this.held;
    this.text = '';
    this.held = '';
    return complete;
  }

  /**
   * Consumes `chunk[start, end)` until the closing quote.
   *
   * @returns the index after the closing quote (status CLOSED), `end`
   *   (status OPEN), or the index of an invalid character (status ERROR)
   */
  scan(chunk: string, start: number, end: number): number {
    let i = start;
    while (i < end) {
      if (this.escape === ESC_NONE) {
        const runStart = i;
        let code = 0;
        // Fast path: plain characters.
        while (i < end) {
          code = chunk.charCodeAt(i);
          if (code === QUOTE || code === BACKSLASH || code < 0x20) break;
          i++;
        }
        if (i > runStart) this.append(chunk.slice(runStart, i));
        if (i === end) return end;
        if (code === QUOTE) {
          this.status = STRING_CLOSED;
          return i + 1;
        }
        if (code === BACKSLASH) {
          this.escape = ESC_BACKSLASH;
          i++;
          continue;
        }
        return this.fail(i, 'a character other than a control character (escape it, e.g. \\n)');
      }
      const code = chunk.charCodeAt(i);
      if (this.escape === ESC_BACKSLASH) {
        const decoded = simpleEscape(code);
        if (decoded !== undefined) {
          this.append(decoded);
          this.escape = ESC_NONE;
        } else if (code === 0x75 /* u */) {
          this.escape = ESC_UNICODE;
          this.hexCount = 0;
          this.codeUnit = 0;
        } else {
          return this.fail(i, 'one of " \\ / b f n r t u after a backslash');
        }
        i++;
        continue;
      }
      const digit = hexValue(code);
      if (digit < 0) return this.fail(i, 'a hexadecimal digit in a \\u escape');
      this.codeUnit = this.codeUnit * 16 + digit;
      i++;
      if (++this.hexCount === 4) {
        this.append(String.fromCharCode(this.codeUnit));
        this.escape = ESC_NONE;
      }
    }
    return end;
  }

  private append(piece: string): void {
    let text = piece;
    if (this.held !== '') {
      text = this.held + text;
      this.held = '';
    }
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.held = text.charAt(text.length - 1);
      text = text.slice(0, -1);
    }
    this.text += text;
  }

  private fail(index: number, reason: string): number {
    this.status = STRING_ERROR;
    this.errorIndex = index;
    this.errorReason = reason;
    return index;
  }
}

/** The character a one-letter escape stands for, or undefined. */
function simpleEscape(code: number): string | undefined {
  switch (code) {
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x2f:
      return '/';
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      return undefined;
  }
}
