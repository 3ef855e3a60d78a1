import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import { BaseOutputParser } from './BaseOutputParser.js';

/**
 * An output parser that parses each chunk as it comes (LangChain.js's
 * `BaseTransformOutputParser`): extend it with only `parse`, and every input chunk
 * (a token of text, or a message chunk) becomes one output chunk, `parse(chunk)`, while
 * the model streams. `invoke` returns the chunks' aggregate (joined text, joined lists),
 * which equals `parse` of the whole text for parsers that map text piece by piece.
 *
 * @typeParam T - what each chunk parses to.
 *
 * @example
 * ```ts
 * import { BaseTransformOutputParser } from 'rxchain';
 * import { FakeStreamingLLM } from 'rxchain/testing';
 *
 * class Upper extends BaseTransformOutputParser<string> {
 *   parse(text: string): string {
 *     return text.toUpperCase();
 *   }
 * }
 *
 * const chunks: string[] = [];
 * for await (const chunk of await new FakeStreamingLLM({ responses: ['abc'] }).pipe(new Upper()).stream('x'))
 *   chunks.push(chunk);
 * console.log(chunks); // => ['A', 'B', 'C']
 * ```
 */
export abstract class BaseTransformOutputParser<T = unknown> extends BaseOutputParser<T> {
  /** Reports each parsed chunk as a stream event, as LangChain's transform parsers do. */
  override get chunkReporting(): ChunkReporting {
    return 'always';
  }

  /** Parses chunk by chunk. @default 'stream' */
  override get inputMode(): InputMode {
    return 'stream';
  }
}
