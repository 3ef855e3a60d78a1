import { defer, endWith, mergeMap, type Observable } from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import type { Operation } from '../codecs/jsonPatch/Operation.js';
import { OutputParserException } from '../errors/OutputParserException.js';
import { BaseCumulativeTransformOutputParser } from './BaseCumulativeTransformOutputParser.js';
import { generationOf, type Generation, type ParserInput } from './BaseOutputParser.js';
import { XmlScanner } from './internal/XmlScanner.js';
import { XmlTree } from './internal/XmlTree.js';
import type { XMLResult } from './internal/xmlValue.js';

export type { XMLContent, XMLResult } from './internal/xmlValue.js';

/** Options of `XMLOutputParser`. */
export interface XMLOutputParserFields {
  /** Emit JSON Patch operations instead of whole values. @default false */
  diff?: boolean | undefined;
  /** The tags the answer should use; only put into the format instructions. */
  tags?: readonly string[] | undefined;
}

/**
 * LangChain.js's format instructions for XML; `{tags}` is replaced with the tags.
 *
 * @example
 * ```ts
 * import { XMLOutputParser, XML_FORMAT_INSTRUCTIONS } from 'rxchain';
 *
 * console.log(new XMLOutputParser().getFormatInstructions() === XML_FORMAT_INSTRUCTIONS); // => true
 * ```
 */
export const XML_FORMAT_INSTRUCTIONS = `The output should be formatted as a XML file.
1. Output should conform to the tags below.
2. If tags are not given, make them on your own.
3. Remember to always open and close all the tags.

As an example, for the tags ["foo", "bar", "baz"]:
1. String "<foo>\n   <bar>\n      <baz></baz>\n   </bar>\n</foo>" is a well-formatted instance of the schema.
2. String "<foo>\n   <bar>\n   </foo>" is a badly-formatted instance.
3. String "<foo>\n   <tag>\n   </tag>\n</foo>" is a badly-formatted instance.

Here are the output tags:
\`\`\`
{tags}
\`\`\``;

const END: unique symbol = Symbol('end of input');

/**
 * Parses a model's XML as it streams, into LangChain.js's shape: an element with
 * children is `{ tag: [child, ...] }`, one without is `{ tag: 'its text' }` (attributes
 * are dropped). After each chunk that changes the document it emits the whole value so
 * far: a tag shows up as soon as it opens, text grows as it comes, nested objects fill
 * in as tags close. With `{ diff: true }` it emits JSON Patch operations instead.
 *
 * Unlike LangChain.js, which parses the whole text again after every chunk, it reads
 * each character once (a streaming tokenizer), so its work is linear in the size of the
 * answer, also over a root with thousands of children; in diff mode so is its output.
 * Values are frozen: closed elements are shared between values, each value has its own
 * objects along the open elements, and an open element's list of children, past a few
 * hundred children, is made when first read (an enumerable getter; JSON, spread,
 * `structuredClone` and deep equality see a plain array), so a value that is never read
 * costs O(depth) instead of the width of the document. A
 * markdown fence or prose before the first tag and anything after the root are skipped;
 * an answer with text but no element fails with an `OutputParserException`, an empty one
 * gives `{}`.
 *
 * @example
 * ```ts
 * import { XMLOutputParser } from 'rxchain';
 * import { of, toArray, lastValueFrom } from 'rxjs';
 *
 * const parser = new XMLOutputParser();
 * const values = await lastValueFrom(parser.stream$(of('<movies><movie>Dune', '</movie></movies>')).pipe(toArray()));
 * console.log(values); // => [{ movies: [{ movie: 'Dune' }] }]
 * console.log(await parser.invoke('```xml\n<a><b>1</b><c/></a>\n```')); // => { a: [{ b: '1' }, { c: '' }] }
 * ```
 */
export class XMLOutputParser extends BaseCumulativeTransformOutputParser<XMLResult> {
  /** The tags the format instructions name. */
  readonly tags: readonly string[] | undefined;

  /**
   * @param fields - `diff` for JSON Patch chunks; `tags` for the format instructions.
   */
  constructor(fields?: XMLOutputParserFields) {
    super({ diff: fields?.diff });
    this.tags = fields?.tags;
  }

  protected override get defaultName(): string {
    return 'XMLOutputParser';
  }

  override getFormatInstructions(): string {
    return this.tags !== undefined && this.tags.length > 0
      ? XML_FORMAT_INSTRUCTIONS.replace('{tags}', this.tags.join(', '))
      : XML_FORMAT_INSTRUCTIONS;
  }

  /**
   * Parses a whole text.
   * @param text - the text.
   * @returns the document.
   * @throws OutputParserException when the text has no element.
   */
  override parse(text: string): XMLResult {
    const tree = new XmlTree(false);
    const scanner = new XmlScanner(tree);
    scanner.push(text);
    return finalValue(tree, scanner, text);
  }

  override parsePartialResult(generations: readonly Generation[]): XMLResult | undefined {
    const tree = new XmlTree(false);
    new XmlScanner(tree).push(generations[0]?.text ?? '');
    return tree.value();
  }

  protected override _step(input$: Observable<ParserInput>, _run: RunContext): Observable<XMLResult> {
    return defer(() => {
      const tree = new XmlTree(this.diff);
      const scanner = new XmlScanner(tree);
      // Kept only for the error of an answer without XML.
      let text = '';
      return input$.pipe(
        endWith(END),
        mergeMap((input): XMLResult[] => {
          if (input === END) {
            if (!tree.started) {
              const empty = finalValue(tree, scanner, text);
              return [(this.diff ? [{ op: 'replace', path: '', value: empty }] : empty) as XMLResult];
            }
            return [];
          }
          const piece = generationOf(input).text;
          if (!tree.started) text += piece;
          scanner.push(piece);
          if (!tree.changed) return [];
          tree.changed = false;
          if (this.diff) {
            const ops: Operation[] = tree.takeOps();
            return ops.length > 0 ? [ops as unknown as XMLResult] : [];
          }
          const value = tree.value();
          return value === undefined ? [] : [value];
        }),
      );
    });
  }
}

function finalValue(tree: XmlTree, scanner: XmlScanner, text: string): XMLResult {
  const value = tree.value();
  if (value !== undefined) return value;
  if (scanner.strayText) {
    throw new OutputParserException(
      'Could not find an XML element in the output. Ask the model to answer in XML (see getFormatInstructions())',
      text,
    );
  }
  return {};
}
