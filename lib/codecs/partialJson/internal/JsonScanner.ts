import {
  BACKTICK,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  isDigit,
  isJsonWhitespace,
  unexpectedCharacter,
} from './charCodes.js';
import { NumberAccumulator } from './NumberAccumulator.js';
import { STRING_CLOSED, STRING_ERROR, StringAccumulator } from './StringAccumulator.js';
import { ValueBuilder } from './ValueBuilder.js';
import {
  AFTER_VALUE,
  ARRAY_FIRST,
  COLON_NEXT,
  FAILED,
  IN_LITERAL,
  IN_NUMBER,
  IN_STRING,
  KEY,
  OBJECT_FIRST,
  VALUE,
  expectation,
  type ScanError,
} from './scanStates.js';

export type { ScanError } from './scanStates.js';

/**
 * The JSON tokenizer and grammar as a push-driven state machine.
 *
 * Each character is examined once, whatever the chunking: there is no
 * look-behind and no re-scan, and strings and numbers keep their own
 * accumulators. Structural events go to a {@link ValueBuilder}, which keeps
 * the stack of open containers and builds snapshots. Before returning from
 * `feed` (and before recording an error) the visible state of an unfinished
 * string or number is flushed, so the value after any prefix is the same
 * whether that prefix arrived in one chunk or many.
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class JsonScanner {
  /** Receives the structure and builds values. */
  readonly builder = new ValueBuilder();
  /** The first syntax error, once there is one; the scanner then stops. */
  error: ScanError | undefined = undefined;

  private state = VALUE;
  private stringIsKey = false;
  private readonly string = new StringAccumulator();
  private readonly number = new NumberAccumulator();
  private literal = '';
  private literalValue: boolean | null = null;
  private literalIndex = 0;
  /** Set by `startValue` when a bracket would nest deeper than `maxDepth`. */
  private tooDeep = false;

  /**
   * @param stopAtBacktick - inside a markdown fence: a backtick outside a
   *   string ends the content (the caller checks for the closing fence)
   *   instead of being an error
   * @param maxDepth - the deepest nesting of arrays and objects accepted; the
   *   bracket that would open one more level is an error (see `ScanError.depthLimit`)
   */
  constructor(
    private readonly stopAtBacktick: boolean,
    private readonly maxDepth: number,
  ) {}

  /** No value has started yet. */
  get empty(): boolean {
    return this.state === VALUE && this.builder.depth === 0;
  }

  /** The text so far is exactly one complete JSON value (plus whitespace). */
  get complete(): boolean {
    if (this.builder.depth !== 0) return false;
    return this.state === AFTER_VALUE || (this.state === IN_NUMBER && this.number.complete);
  }

  /** The value when `complete` (exact, even for a root number of any length). */
  get completeValue(): unknown {
    return this.state === IN_NUMBER ? this.number.final() : this.builder.value;
  }

  /**
   * Consumes `chunk[start, end)`.
   *
   * @param base - position of `chunk[0]` in the whole input, for messages
   * @returns `end`; or, when stopping at a backtick, its index; or, after an
   *   error (see `error`), the index of the offending character
   */
  feed(chunk: string, start: number, end: number, base: number): number {
    let i = start;
    while (i < end) {
      const state = this.state;
      if (state === IN_STRING) {
        i = this.feedString(chunk, i, end, base);
        continue;
      }
      if (state === IN_NUMBER) {
        i = this.feedNumber(chunk, i, end, base);
        if (this.state === IN_NUMBER && i < end) return i; // stopped at a backtick
        continue;
      }
      if (state === FAILED) return i;
      const code = chunk.charCodeAt(i);
      if (code === BACKTICK && this.stopAtBacktick) {
        this.flush();
        return i;
      }
      if (state === IN_LITERAL) {
        if (code !== this.literal.charCodeAt(this.literalIndex)) {
          return this.fail(chunk, i, base, `'${this.literal}'`);
        }
        i++;
        if (++this.literalIndex === this.literal.length) this.endLeaf(this.literalValue);
        continue;
      }
      if (isJsonWhitespace(code)) {
        i++;
        continue;
      }
      if (!this.structural(code)) {
        if (this.tooDeep) return this.failDepth(i, base);
        return this.fail(chunk, i, base, expectation(this.state, this.builder.depth, this.builder.inArray));
      }
      // A number's first character is consumed by the number accumulator.
      if (this.state !== IN_NUMBER) i++;
    }
    this.flush();
    return end;
  }

  /** Handles one non-whitespace character outside strings, numbers and literals. */
  private structural(code: number): boolean {
    const builder = this.builder;
    switch (this.state) {
      case ARRAY_FIRST:
        if (code === CLOSE_BRACKET) return this.closeContainer();
        return this.startValue(code);
      case VALUE:
        return this.startValue(code);
      case OBJECT_FIRST:
        if (code === CLOSE_BRACE) return this.closeContainer();
        return this.startKey(code);
      case KEY:
        return this.startKey(code);
      case COLON_NEXT:
        if (code !== COLON) return false;
        this.state = VALUE;
        return true;
      case AFTER_VALUE:
        if (builder.depth === 0) return false;
        if (code === COMMA) {
          this.state = builder.inArray ? VALUE : KEY;
          return true;
        }
        if (code === (builder.inArray ? CLOSE_BRACKET : CLOSE_BRACE)) return this.closeContainer();
        return false;
      default:
        return false;
    }
  }

  private startValue(code: number): boolean {
    if ((code === OPEN_BRACE || code === OPEN_BRACKET) && this.builder.depth >= this.maxDepth) {
      this.tooDeep = true;
      return false;
    }
    switch (code) {
      case OPEN_BRACE:
        this.builder.open(false);
        this.state = OBJECT_FIRST;
        return true;
      case OPEN_BRACKET:
        this.builder.open(true);
        this.state = ARRAY_FIRST;
        return true;
      case QUOTE:
        this.string.begin();
        this.stringIsKey = false;
        this.builder.showLeaf('');
        this.state = IN_STRING;
        return true;
      case 0x74 /* t */:
        return this.startLiteral('true', true);
      case 0x66 /* f */:
        return this.startLiteral('false', false);
      case 0x6e /* n */:
        return this.startLiteral('null', null);
      default:
        if (code !== MINUS && !isDigit(code)) return false;
        this.number.begin();
        this.state = IN_NUMBER;
        return true;
    }
  }

  private startKey(code: number): boolean {
    if (code !== QUOTE) return false;
    this.string.begin();
    this.stringIsKey = true;
    this.state = IN_STRING;
    return true;
  }

  private startLiteral(literal: string, value: boolean | null): boolean {
    this.literal = literal;
    this.literalValue = value;
    this.literalIndex = 1;
    this.builder.showLeaf(value);
    this.state = IN_LITERAL;
    return true;
  }

  private closeContainer(): boolean {
    this.builder.close();
    this.state = AFTER_VALUE;
    return true;
  }

  private endLeaf(value: unknown): void {
    this.builder.commitLeaf(value);
    this.state = AFTER_VALUE;
  }

  private feedString(chunk: string, start: number, end: number, base: number): number {
    const string = this.string;
    const next = string.scan(chunk, start, end);
    if (string.status === STRING_CLOSED) {
      const text = string.take();
      if (this.stringIsKey) {
        this.builder.setKey(text);
        this.state = COLON_NEXT;
      } else {
        this.endLeaf(text);
      }
    } else if (string.status === STRING_ERROR) {
      return this.fail(chunk, string.errorIndex, base, string.errorReason);
    }
    return next;
  }

  private feedNumber(chunk: string, start: number, end: number, base: number): number {
    const number = this.number;
    const next = number.scan(chunk, start, end);
    if (next === end) return end;
    if (number.complete) {
      this.endLeaf(number.final());
      return next;
    }
    if (this.stopAtBacktick && chunk.charCodeAt(next) === BACKTICK) {
      this.flush();
      return next;
    }
    return this.fail(chunk, next, base, 'a digit');
  }

  /** Shows the visible part of an unfinished string or number. */
  private flush(): void {
    if (this.state === IN_STRING) {
      if (!this.stringIsKey) this.builder.showLeaf(this.string.text);
    } else if (this.state === IN_NUMBER) {
      const value = this.number.value();
      if (value !== undefined) this.builder.showLeaf(value);
    }
  }

  private fail(chunk: string, index: number, base: number, expected: string): number {
    this.flush();
    this.state = FAILED;
    this.error = {
      message: unexpectedCharacter(chunk, index, base + index, expected),
      position: base + index,
    };
    return index;
  }

  private failDepth(index: number, base: number): number {
    this.flush();
    this.state = FAILED;
    const position = base + index;
    this.error = {
      message: `JSON nests deeper than ${this.maxDepth} levels at position ${position}`,
      position,
      depthLimit: this.maxDepth,
    };
    return index;
  }
}
