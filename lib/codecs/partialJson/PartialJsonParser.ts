import { DocumentScanner } from './internal/DocumentScanner.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { JsonDepthError } from '../../errors/JsonDepthError.js';
import type { Operation } from '../jsonPatch/Operation.js';
import type { PartialJsonResult } from './PartialJsonResult.js';

/** Options of `PartialJsonParser`. */
export interface PartialJsonParserOptions {
  /**
   * The deepest nesting of arrays and objects accepted: the bracket that would open
   * one more level stops the parser with a {@link JsonDepthError} (see `depthError`).
   * @default 1000
   */
  maxDepth?: number | undefined;
}

/** The default `maxDepth` of `PartialJsonParser` and `JsonOutputParser`. */
export const DEFAULT_MAX_JSON_DEPTH = 1000;

/**
 * Incremental parser for JSON that arrives in pieces, such as a model's
 * streamed answer: after every chunk, `value` is the best JSON value the text
 * so far denotes (see {@link parsePartialJson} for the completion rules and
 * the handling of markdown code fences and prose).
 *
 * Cost: `push` looks at each character once (a state machine with a stack of
 * open containers; earlier text is never scanned again and is not kept).
 * Reading `value` after a change rebuilds only the open containers on the
 * path to the value being parsed; complete arrays and objects are the same
 * references in every later value, so `prev.items[0] === next.items[0]` once
 * the first item is complete. One read costs O(depth + size of the open
 * containers): a huge flat array being filled is copied (shallowly) once per
 * read that follows a change.
 *
 * Values handed out are frozen (`Object.freeze`, every array and object in
 * them), because they share their complete parts with later values: a
 * consumer cannot change what the parser returns next. A container is
 * frozen once, when it is built, so this adds nothing to the cost above.
 * `patch()` is the exception for the parts still in progress: see there.
 *
 * Syntax errors are data, never exceptions: after the first error further
 * pushes are ignored, `value` stays the value of the text before the error,
 * and `finish()` reports the error with its position.
 *
 * @example
 * ```ts
 * import { PartialJsonParser } from 'rxchain';
 *
 * const parser = new PartialJsonParser();
 * for (const chunk of ['{"name": "Fr', 'ance", "tags": ["eu', '"]}']) {
 *   if (parser.push(chunk)) console.log(parser.value);
 * }
 * // { name: 'Fr' }
 * // { name: 'France', tags: [ 'eu' ] }
 * console.log(parser.finish()); // { ok: true, value: { name: 'France', tags: [ 'eu' ] } }
 * ```
 */
export class PartialJsonParser {
  private readonly document: DocumentScanner;

  /**
   * @param options - `maxDepth` (default 1,000).
   * @throws InvalidArgumentError when `maxDepth` is not a positive integer.
   */
  constructor(options?: PartialJsonParserOptions) {
    const maxDepth = options?.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
    if (!Number.isInteger(maxDepth) || maxDepth < 1) {
      throw new InvalidArgumentError('maxDepth', `maxDepth must be a positive integer, got ${String(maxDepth)}`);
    }
    this.document = new DocumentScanner(maxDepth);
  }

  /**
   * The nesting-depth error, once the text nested deeper than `maxDepth`: the
   * parser stopped at that bracket (as after a syntax error, `value` stays the
   * value of the text before it and `finish()` reports it).
   */
  get depthError(): JsonDepthError | undefined {
    const error = this.document.depthError;
    return error === undefined ? undefined : new JsonDepthError(error.depthLimit as number, error.position);
  }

  /**
   * Consumes the next chunk of text. Never throws.
   *
   * @param chunk - the next piece of the text
   * @returns `true` when `value` is now a different value (a new reference);
   *   `false` when it is the very same reference as before the call
   */
  push(chunk: string): boolean {
    if (typeof chunk !== 'string' || chunk.length === 0) return false;
    return this.document.push(chunk);
  }

  /**
   * The best value of the text so far, or `undefined` when there is none yet
   * (no text, prose before a code fence, a lone `-`, ...). Immutable by
   * contract: do not mutate it.
   */
  get value(): unknown {
    return this.document.value;
  }

  /**
   * The change since the previous call as JSON Patch operations (RFC 6902),
   * for sending a growing document over the wire: the first call that finds a
   * value replaces the root (`path: ''`), later calls `replace` the member or
   * item that was in progress and `add` those that appeared since; applied in
   * order from `undefined`, they rebuild `value`. Unlike `value`, no snapshot
   * of the open containers is built, so a call costs the size of what changed,
   * not of the arrays being filled: linear over a whole document. `patch()`
   * and `value` are independent; read either or both. In the operations, the
   * containers still in progress are fresh copies the caller owns (so patches
   * can be applied in place); complete containers are frozen and shared with
   * `value`.
   *
   * @returns the operations, empty when nothing changed
   *
   * @example
   * ```ts
   * import { PartialJsonParser } from 'rxchain';
   *
   * const parser = new PartialJsonParser();
   * parser.push('{"countries": [{"name": "Fr');
   * console.log(parser.patch()); // => [{ op: 'replace', path: '', value: { countries: [{ name: 'Fr' }] } }]
   * parser.push('ance"}, {"name": "Sp');
   * console.log(parser.patch());
   * // => [{ op: 'replace', path: '/countries/0/name', value: 'France' }, { op: 'add', path: '/countries/1', value: { name: 'Sp' } }]
   * ```
   */
  patch(): Operation[] {
    return this.document.patch();
  }

  /**
   * Reports, at the end of the input, whether the text (after removing the
   * code fence and the prose around it) was exactly one complete JSON value.
   * Does not change the parser; never throws.
   *
   * @returns `{ ok: true, value }` (the same reference as `value`), or
   *   `{ ok: false, message, position }` where `position` is an offset, in
   *   UTF-16 code units, in the text pushed so far: the unexpected
   *   character, or where more text was needed
   */
  finish(): PartialJsonResult {
    return this.document.finish();
  }
}
