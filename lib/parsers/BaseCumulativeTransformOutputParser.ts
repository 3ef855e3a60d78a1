import { concatMap, defer, EMPTY, endWith, mergeMap, of, type Observable } from 'rxjs';
import { concatAccumulator, lastChunkAccumulator, type OutputAccumulator } from '../core/accumulators.js';
import type { RunContext } from '../core/RunContext.js';
import { growthPatch } from '../codecs/jsonPatch/growthPatch.js';
import type { Operation } from '../codecs/jsonPatch/Operation.js';
import { OutputParserException } from '../errors/OutputParserException.js';
import { BaseTransformOutputParser } from './BaseTransformOutputParser.js';
import { generationOf, type Generation, type ParserInput } from './BaseOutputParser.js';
import { deepEqual } from './internal/deepEqual.js';
import { resolved } from './internal/resolved.js';

/** Options of a cumulative parser. */
export interface BaseCumulativeTransformOutputParserInput {
  /** Emit JSON Patch operations (from the previous value to the next) instead of whole values. @default false */
  diff?: boolean | undefined;
}

const END: unique symbol = Symbol('end of input');

/**
 * An output parser whose chunks are the whole value so far (LangChain.js's
 * `BaseCumulativeTransformOutputParser`): extend it with only `parsePartialResult`, and
 * after every input chunk it parses the text so far and emits the value when it changed
 * (`undefined` means "nothing yet"). With `{ diff: true }` it emits JSON Patch operations
 * from the previous value instead (`_diff`, which a subclass may override). At the end it
 * emits `parse` of the whole text if that differs from the last partial value (by default
 * `parse` is `parsePartialResult` of the whole text, and fails with an
 * `OutputParserException` if that gives nothing), so `invoke` returns the final value.
 *
 * Its aggregate is the last chunk (the last value), or in diff mode all operations in
 * order. Each chunk re-parses the text so far: a parser for long outputs should keep its
 * own incremental state instead (as `JsonOutputParser` and `XMLOutputParser` do).
 *
 * @typeParam T - the parsed value.
 *
 * @example
 * ```ts
 * import { BaseCumulativeTransformOutputParser, type Generation } from 'rxchain';
 * import { FakeStreamingLLM } from 'rxchain/testing';
 *
 * class Words extends BaseCumulativeTransformOutputParser<string[]> {
 *   parsePartialResult(generations: Generation[]): string[] | undefined {
 *     const words = (generations[0]?.text ?? '').split(' ').filter(Boolean);
 *     return words.length > 0 ? words : undefined;
 *   }
 * }
 *
 * const llm = new FakeStreamingLLM({ responses: ['a bc'] });
 * const values: unknown[] = [];
 * for await (const value of await llm.pipe(new Words()).stream('x')) values.push(value);
 * console.log(values); // => [['a'], ['a', 'b'], ['a', 'bc']]
 *
 * const patches: unknown[] = [];
 * const diffs = new FakeStreamingLLM({ responses: ['a b'] }).pipe(new Words({ diff: true }));
 * for await (const ops of await diffs.stream('x')) patches.push(ops);
 * console.log(patches[1]); // => [{ op: 'add', path: '/1', value: 'b' }]
 * ```
 */
export abstract class BaseCumulativeTransformOutputParser<T = unknown> extends BaseTransformOutputParser<T> {
  /** Whether chunks are JSON Patch operations. */
  readonly diff: boolean;

  /**
   * @param fields - `{ diff: true }` for JSON Patch chunks.
   */
  constructor(fields?: BaseCumulativeTransformOutputParserInput) {
    super(fields);
    this.diff = fields?.diff === true;
  }

  /**
   * Parses the text so far.
   * @param generations - one generation: the text so far.
   * @returns the value so far, or `undefined` if there is none yet.
   */
  abstract parsePartialResult(generations: readonly Generation[]): T | undefined | Promise<T | undefined>;

  /**
   * The whole text's value: by default its partial result, which must be defined.
   * @param text - the whole text.
   * @returns the value.
   * @throws OutputParserException when the text gives no value.
   */
  parse(text: string): T | Promise<T> {
    const defined = (value: T | undefined): T => {
      if (value === undefined || value === null)
        throw new OutputParserException(`Could not parse output: ${text}`, text);
      return value;
    };
    const partial = this.parsePartialResult([{ text }]);
    // Synchronous when parsePartialResult is.
    return partial instanceof Promise ? partial.then(defined) : defined(partial);
  }

  /**
   * The chunk diff mode emits for a change from `prev` to `next`.
   * @param prev - the previous value (`undefined` before the first).
   * @param next - the new value.
   * @returns JSON Patch operations: a root `replace` first, then the changes.
   */
  protected _diff(prev: unknown, next: unknown): Operation[] {
    if (prev === undefined) return [{ op: 'replace', path: '', value: next }];
    return growthPatch(prev, next);
  }

  /** Values are cumulative (the last is the value); patches join into one list. */
  override outputAccumulator(): OutputAccumulator<T> {
    return this.diff ? concatAccumulator<T>() : lastChunkAccumulator<T>();
  }

  protected override _step(input$: Observable<ParserInput>, _run: RunContext): Observable<T> {
    return defer(() => {
      let text = '';
      let previous: T | undefined;
      const changed = (value: T | undefined): Observable<T> => {
        if (value === undefined || value === null || deepEqual(value, previous)) return EMPTY;
        const chunk = this.diff ? (this._diff(previous, value) as T) : value;
        previous = value;
        return of(chunk);
      };
      return input$.pipe(
        endWith(END),
        concatMap((input) => {
          if (input === END) return resolved(() => this.parse(text)).pipe(mergeMap(changed));
          text += generationOf(input).text;
          return resolved(() => this.parsePartialResult([{ text }])).pipe(mergeMap(changed));
        }),
      );
    });
  }
}
