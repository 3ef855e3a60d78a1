import { Observable, Subject, takeUntil } from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import { OutputParserException } from '../errors/OutputParserException.js';
import { BaseCumulativeTransformOutputParser } from './BaseCumulativeTransformOutputParser.js';
import { deepEqual } from './internal/deepEqual.js';
import type { Generation } from './BaseOutputParser.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import type { JsonValue } from '../codecs/partialJson/JsonValue.js';
import { DEFAULT_MAX_JSON_DEPTH, PartialJsonParser } from '../codecs/partialJson/PartialJsonParser.js';

/** Options of `JsonOutputParser`. */
export interface JsonOutputParserOptions {
  /** Emit JSON Patch operations (RFC 6902) instead of whole partial values. @default false */
  diff?: boolean | undefined;
  /**
   * The deepest nesting of arrays and objects accepted; a reply that nests deeper fails
   * the run with a `JsonDepthError` at the bracket that passes the limit, without reading
   * the rest. @default 1000
   */
  maxDepth?: number | undefined;
}

/**
 * Parses a model's streamed JSON as it arrives: after each chunk that changes the
 * document, it emits the whole value so far (`{}`, `{ countries: [] }`,
 * `{ countries: [{ name: 'France' }] }`, ...), completed from the partial text by an
 * incremental parser that never re-reads earlier text. A markdown code fence and prose
 * before it are skipped. With `{ diff: true }` it emits JSON Patch operations instead.
 *
 * The type parameter `T` is the parsed document's type (`JsonValue` unless given, as in
 * `new JsonOutputParser<{ answer: string }>()`); it is not checked at run time (use
 * `StructuredOutputParser` for that). Its chunks are cumulative, so its aggregate (what
 * `invoke` returns) is the last value. Emitted values share unchanged parts with earlier
 * ones and are frozen, so a consumer that tries to change one gets a `TypeError` instead
 * of corrupting the next (copy one, e.g. with `structuredClone`, to edit it). If the
 * finished text is not one JSON document, the run fails with an `OutputParserException`
 * (an `OutputParserError`) carrying the raw text.
 *
 * It is a `BaseCumulativeTransformOutputParser`, as in LangChain.js (`parse` and
 * `parsePartialResult` work on whole texts), but streams with its own incremental parser
 * rather than parsing the text so far after every chunk.
 *
 * @example
 * ```ts
 * import { JsonOutputParser } from 'rxchain';
 * import { of, toArray, lastValueFrom } from 'rxjs';
 *
 * const parser = new JsonOutputParser();
 * const values = await lastValueFrom(parser.stream$(of('{"a": [1', ', 2]}')).pipe(toArray()));
 * console.log(values); // => [{ a: [1] }, { a: [1, 2] }]
 * ```
 */
export class JsonOutputParser<T = JsonValue> extends BaseCumulativeTransformOutputParser<T> {
  /** The deepest nesting of arrays and objects accepted. */
  readonly maxDepth: number;

  /**
   * @param options - `{ diff: true }` for JSON Patch chunks; `maxDepth` (default 1,000).
   * @throws InvalidArgumentError when `maxDepth` is not a positive integer.
   */
  constructor(options?: JsonOutputParserOptions) {
    super({ diff: options?.diff });
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
    new PartialJsonParser({ maxDepth: this.maxDepth }); // validates maxDepth
  }

  protected override get defaultName(): string {
    return 'JsonOutputParser';
  }

  /**
   * The value a JSON prefix denotes, completed as the stream would show it.
   * @param generations - the text so far.
   * @returns the value, or `undefined` before the document starts.
   */
  override parsePartialResult(generations: readonly Generation[]): T | undefined {
    const parser = new PartialJsonParser({ maxDepth: this.maxDepth });
    parser.push(generations[0]?.text ?? '');
    return parser.value as T | undefined;
  }

  /**
   * Parses a whole text (a fence and prose before it are skipped) and validates it.
   * @param text - the text.
   * @returns the value.
   * @throws OutputParserException when the text is not one JSON document.
   */
  override parse(text: string): T {
    const parser = new PartialJsonParser({ maxDepth: this.maxDepth });
    parser.push(text);
    if (parser.depthError !== undefined) throw parser.depthError;
    const result = parser.finish();
    if (!result.ok) throw new OutputParserException(`Could not parse the output as JSON: ${result.message}`, text);
    return this.validate(result.value, text);
  }

  /**
   * Checks the finished value; subclasses validate it (the default accepts any JSON).
   * @param value - the parsed document.
   * @param text - the raw text.
   * @returns the value to report as final.
   */
  protected validate(value: unknown, _text: string): T {
    return value as T;
  }

  protected override _step(input$: Observable<string | BaseMessage>, _run: RunContext): Observable<T> {
    return new Observable<T>((subscriber) => {
      const parser = new PartialJsonParser({ maxDepth: this.maxDepth });
      // The raw text, for the error and `validate` at the end: the pieces, joined once then
      // (appending to a string would keep one more live object per chunk all along).
      const pieces: string[] = [];
      let emitted: unknown;
      // Stops the upstream at once, even a synchronous one, when the parser gives up.
      const stop$ = new Subject<void>();
      return input$.pipe(takeUntil(stop$)).subscribe({
        next: (chunk) => {
          const piece = typeof chunk === 'string' ? chunk : chunk instanceof BaseMessage ? chunk.text : String(chunk);
          pieces.push(piece);
          const changed = parser.push(piece);
          const tooDeep = parser.depthError;
          if (tooDeep !== undefined) {
            subscriber.error(tooDeep);
            stop$.next();
            return;
          }
          if (!changed) return;
          if (this.diff) {
            // Operations straight from the parser: no snapshot of the growing arrays.
            const ops = parser.patch();
            if (ops.length > 0) subscriber.next(ops as T);
            return;
          }
          const value = parser.value;
          if (value === undefined) return;
          subscriber.next(value as T);
          emitted = value;
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          const text = pieces.join('');
          const result = parser.finish();
          if (!result.ok) {
            subscriber.error(new OutputParserException(`Could not parse the output as JSON: ${result.message}`, text));
            return;
          }
          let final: T;
          try {
            final = this.validate(result.value, text);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          // A schema may transform the value (defaults, coercion): report what it returned.
          // (In diff mode the operations so far rebuilt the parsed value.)
          if (!deepEqual(final, this.diff ? result.value : emitted)) {
            subscriber.next((this.diff ? [{ op: 'replace', path: '', value: final }] : final) as T);
          }
          subscriber.complete();
        },
      });
    });
  }
}
