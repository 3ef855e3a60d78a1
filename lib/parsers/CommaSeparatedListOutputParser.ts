import { defer, endWith, mergeMap, type Observable } from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import { BaseTransformOutputParser } from './BaseTransformOutputParser.js';
import { generationOf, type ParserInput } from './BaseOutputParser.js';

const END: unique symbol = Symbol('end of input');

/**
 * Parses a comma-separated list (`foo, bar, baz`) into its trimmed items, streaming
 * each item as soon as the comma after it arrives: its chunks are one-item lists
 * (`['foo']`, `['bar']`, ...), the last one at the end, and its aggregate (what `invoke`
 * returns) is the whole list. An empty answer is `['']`, as in LangChain.js. Each chunk
 * is scanned once (the pending item is kept as it came, spaces inside it included).
 *
 * @example
 * ```ts
 * import { CommaSeparatedListOutputParser } from 'rxchain';
 * import { FakeStreamingLLM } from 'rxchain/testing';
 *
 * const parser = new CommaSeparatedListOutputParser();
 * console.log(await parser.invoke('red, green , blue')); // => ['red', 'green', 'blue']
 *
 * const items: string[][] = [];
 * for await (const item of await new FakeStreamingLLM({ responses: ['a, b c'] }).pipe(parser).stream('x'))
 *   items.push(item);
 * console.log(items); // => [['a'], ['b c']]
 * ```
 */
export class CommaSeparatedListOutputParser extends BaseTransformOutputParser<string[]> {
  protected override get defaultName(): string {
    return 'CommaSeparatedListOutputParser';
  }

  /**
   * Splits the text at commas and trims the items.
   * @param text - the text.
   * @returns the items.
   */
  parse(text: string): string[] {
    return text
      .trim()
      .split(',')
      .map((item) => item.trim());
  }

  override getFormatInstructions(): string {
    return 'Your response should be a list of comma separated values, eg: `foo, bar, baz`';
  }

  protected override _step(input$: Observable<ParserInput>, _run: RunContext): Observable<string[]> {
    return defer(() => {
      let pending = '';
      return input$.pipe(
        endWith(END),
        mergeMap((input): string[][] => {
          if (input === END) return [[pending.trim()]];
          const text = generationOf(input).text;
          const items: string[][] = [];
          let start = 0;
          for (let comma = text.indexOf(','); comma !== -1; comma = text.indexOf(',', start)) {
            items.push([(pending + text.slice(start, comma)).trim()]);
            pending = '';
            start = comma + 1;
          }
          pending += text.slice(start);
          return items;
        }),
      );
    });
  }
}
