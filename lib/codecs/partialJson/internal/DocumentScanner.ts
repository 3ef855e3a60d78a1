import type { Operation } from '../../jsonPatch/Operation.js';
import type { PartialJsonResult } from '../PartialJsonResult.js';
import { BACKTICK, isJsonWhitespace, isValueStart } from './charCodes.js';
import { JsonScanner, type ScanError } from './JsonScanner.js';

// Document states.
const START = 0; // skipping leading whitespace
const PROSE = 1; // text that is not JSON: waiting for an opening ``` fence
const FENCE_INFO = 2; // after the opening fence: skipping its info string ("json") to the newline
const CONTENT = 3; // JSON text (fenced or not), fed to the JsonScanner
const CLOSING = 4; // one or two backticks after the content: must become ```
const DONE = 5; // the closing fence was seen: the rest is ignored
const FAILED = 6;

const INCOMPLETE = 'Unexpected end of JSON input: the document is incomplete';

/**
 * Finds the JSON text inside a streamed model response and feeds it to a
 * {@link JsonScanner}: the document-level state machine.
 *
 * - If the first non-whitespace character can start a JSON value, the JSON
 *   starts there (no fence).
 * - Otherwise the text is prose (a backtick included) and everything up to
 *   the first ```` ``` ```` is skipped, then the fence's info string up to
 *   the newline; the JSON is the text after it, up to the next backtick
 *   outside a JSON string, which must be a closing ```` ``` ````. Anything
 *   after the closing fence is ignored.
 *
 * Each character is looked at once (prose and info strings via `indexOf`).
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class DocumentScanner {
  private state = START;
  private consumed = 0;
  private json: JsonScanner | undefined = undefined;
  private ticks = 0;
  /** Where the prose started (for "no JSON found"). */
  private proseStart = 0;
  /** Where the closing fence (or the backtick that should start it) is. */
  private fenceAt = 0;
  private error: ScanError | undefined = undefined;

  /** @param maxDepth - the deepest nesting of arrays and objects accepted. */
  constructor(private readonly maxDepth: number) {}

  /** The nesting-depth error, once the text nested deeper than `maxDepth`. */
  get depthError(): ScanError | undefined {
    return this.error?.depthLimit === undefined ? undefined : this.error;
  }

  /** The current best value. */
  get value(): unknown {
    return this.json === undefined ? undefined : this.json.builder.value;
  }

  /** JSON Patch operations since the previous call (see `ValueBuilder.patch`). */
  patch(): Operation[] {
    return this.json === undefined ? [] : this.json.builder.patch();
  }

  /**
   * Consumes a chunk.
   *
   * @returns whether the value changed
   */
  push(chunk: string): boolean {
    const state = this.state;
    if (state === DONE || state === FAILED) return false;
    const json = this.json;
    if (json !== undefined) json.builder.changed = false;
    const base = this.consumed;
    const end = chunk.length;
    this.consumed = base + end;
    let i = 0;
    while (i < end) {
      switch (this.state) {
        case START:
          i = this.start(chunk, i, end, base);
          break;
        case PROSE:
          i = this.prose(chunk, i, end);
          break;
        case FENCE_INFO: {
          const newline = chunk.indexOf('\n', i);
          if (newline < 0) {
            i = end;
            break;
          }
          this.json = new JsonScanner(true, this.maxDepth);
          this.state = CONTENT;
          i = newline + 1;
          break;
        }
        case CONTENT:
          i = this.content(chunk, i, end, base);
          break;
        case CLOSING:
          if (chunk.charCodeAt(i) !== BACKTICK) {
            this.fail(`Unexpected character '\`' at position ${this.fenceAt}: expected a closing \`\`\` code fence`);
            break;
          }
          i++;
          if (++this.ticks === 3) this.state = DONE;
          break;
        default:
          i = end;
      }
    }
    return this.json === undefined ? false : this.json.builder.changed;
  }

  /** Reports whether the text was exactly one complete JSON value. */
  finish(): PartialJsonResult {
    const json = this.json;
    switch (this.state) {
      case FAILED: {
        const error = this.error ?? { message: 'Invalid JSON', position: this.consumed };
        return { ok: false, message: error.message, position: error.position };
      }
      case START:
        return noValue('No JSON value found: the input is empty', this.consumed);
      case PROSE:
        return noValue(
          `No JSON value found: the text at position ${this.proseStart} is not JSON and no \`\`\` code fence follows it`,
          this.proseStart,
        );
      case FENCE_INFO:
        return noValue('No JSON value found: the code fence is empty', this.consumed);
      case CLOSING:
        return noValue(
          `Unexpected character '\`' at position ${this.fenceAt}: expected a closing \`\`\` code fence`,
          this.fenceAt,
        );
      default:
        break;
    }
    if (json === undefined) return noValue('No JSON value found', this.consumed);
    const where = this.state === DONE ? this.fenceAt : this.consumed;
    if (json.complete) return { ok: true, value: json.completeValue };
    if (json.empty) return noValue('No JSON value found: the code fence is empty', where);
    const message = this.state === DONE ? `${INCOMPLETE} when the code fence closed at position ${where}` : INCOMPLETE;
    return noValue(message, where);
  }

  private start(chunk: string, from: number, end: number, base: number): number {
    let i = from;
    while (i < end && isJsonWhitespace(chunk.charCodeAt(i))) i++;
    if (i === end) return end;
    if (isValueStart(chunk.charCodeAt(i))) {
      this.json = new JsonScanner(false, this.maxDepth);
      this.state = CONTENT;
    } else {
      this.proseStart = base + i;
      this.ticks = 0;
      this.state = PROSE;
    }
    return i;
  }

  private prose(chunk: string, from: number, end: number): number {
    let i = from;
    while (i < end) {
      if (chunk.charCodeAt(i) === BACKTICK) {
        i++;
        if (++this.ticks === 3) {
          this.state = FENCE_INFO;
          return i;
        }
      } else {
        this.ticks = 0;
        const next = chunk.indexOf('`', i);
        i = next < 0 ? end : next;
      }
    }
    return end;
  }

  private content(chunk: string, from: number, end: number, base: number): number {
    const json = this.json as JsonScanner;
    const stop = json.feed(chunk, from, end, base);
    if (json.error !== undefined) {
      this.state = FAILED;
      this.error = json.error;
      return end;
    }
    if (stop < end) {
      // A backtick outside a string in fenced content: the closing fence.
      this.state = CLOSING;
      this.fenceAt = base + stop;
      this.ticks = 1;
      return stop + 1;
    }
    return end;
  }

  private fail(message: string): void {
    this.state = FAILED;
    this.error = { message, position: this.fenceAt };
  }
}

function noValue(message: string, position: number): PartialJsonResult {
  return { ok: false, message, position };
}
