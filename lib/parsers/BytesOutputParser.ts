import type { OutputAccumulator } from '../core/accumulators.js';
import { BaseTransformOutputParser } from './BaseTransformOutputParser.js';

const encoder = new TextEncoder();

/**
 * Encodes a model's text as UTF-8 bytes, chunk by chunk (LangChain.js's
 * `BytesOutputParser`): for piping tokens into a byte stream, such as an HTTP response
 * body. Its aggregate (what `invoke` returns) is all the bytes, joined.
 *
 * @example
 * ```ts
 * import { BytesOutputParser } from 'rxchain';
 * import { FakeStreamingLLM } from 'rxchain/testing';
 *
 * const chain = new FakeStreamingLLM({ responses: ['hé'] }).pipe(new BytesOutputParser());
 * const sizes: number[] = [];
 * for await (const bytes of await chain.stream('x')) sizes.push(bytes.length);
 * console.log(sizes); // => [1, 2]
 * console.log(new TextDecoder().decode(await new BytesOutputParser().invoke('hé'))); // => 'hé'
 * ```
 */
export class BytesOutputParser extends BaseTransformOutputParser<Uint8Array> {
  protected override get defaultName(): string {
    return 'BytesOutputParser';
  }

  /**
   * Encodes the text.
   * @param text - the text.
   * @returns its UTF-8 bytes.
   */
  parse(text: string): Uint8Array {
    return encoder.encode(text);
  }

  /** The chunks' bytes joined into one array, once, when read. */
  override outputAccumulator(): OutputAccumulator<Uint8Array> {
    const parts: Uint8Array[] = [];
    return {
      add: (chunk) => void parts.push(chunk),
      value() {
        if (parts.length === 0) return undefined;
        if (parts.length > 1) {
          const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
          let offset = 0;
          for (const part of parts) {
            joined.set(part, offset);
            offset += part.length;
          }
          parts.splice(0, parts.length, joined);
        }
        return parts[0];
      },
    };
  }
}
