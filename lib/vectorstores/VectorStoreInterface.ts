import type { Document } from '../documents/Document.js';
import type { EmbedOptions } from '../embeddings/Embeddings.js';

/** A test on a stored document: true keeps it in the search. */
export type DocumentFilter = (document: Document) => boolean;

/**
 * What a `VectorStoreRetriever` needs of a store: a text search. Every `VectorStore` is
 * one; so is any object with this method (a client of a hosted index, say).
 *
 * @example
 * ```ts
 * import { Document, VectorStoreRetriever, type VectorStoreInterface } from 'rxchain';
 *
 * const store: VectorStoreInterface = {
 *   similaritySearch: async (query) => [new Document({ pageContent: `about ${query}` })],
 * };
 * const docs = await new VectorStoreRetriever({ vectorStore: store }).invoke('cats');
 * console.log(docs.map((doc) => doc.pageContent)); // => ['about cats']
 * ```
 */
export interface VectorStoreInterface {
  /**
   * The `k` stored documents most similar to a text, best first.
   *
   * @param query - the text to search for.
   * @param k - how many to return.
   * @param filter - keeps only the documents for which it returns true.
   * @param options - a signal to cancel the search.
   */
  similaritySearch(query: string, k?: number, filter?: DocumentFilter, options?: EmbedOptions): Promise<Document[]>;
}
