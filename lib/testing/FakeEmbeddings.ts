import type { Embeddings } from '../embeddings/Embeddings.js';

/**
 * LangChain.js's `FakeEmbeddings`: every text embeds to `[0.1, 0.2, 0.3, 0.4]`. For tests
 * that need an embeddings object but not meaningful vectors (use `HashingEmbeddings` for
 * vectors that tell texts apart).
 *
 * @example
 * ```ts
 * import { FakeEmbeddings } from 'rxchain/testing';
 *
 * const embeddings = new FakeEmbeddings();
 * console.log(await embeddings.embedQuery('hi')); // => [0.1, 0.2, 0.3, 0.4]
 * console.log((await embeddings.embedDocuments(['a', 'b'])).length); // => 2
 * ```
 */
export class FakeEmbeddings implements Embeddings {
  /**
   * Embeds documents.
   * @param texts - the texts.
   * @returns one fixed vector per text.
   */
  async embedDocuments(texts: readonly string[]): Promise<number[][]> {
    return texts.map(() => [0.1, 0.2, 0.3, 0.4]);
  }

  /**
   * Embeds a query.
   * @param _text - the text.
   * @returns the fixed vector.
   */
  async embedQuery(_text: string): Promise<number[]> {
    return [0.1, 0.2, 0.3, 0.4];
  }
}
