import { Document, type DocumentInput } from '../documents/Document.js';
import type { EmbedOptions, Embeddings } from '../embeddings/Embeddings.js';
import type { DocumentFilter, VectorStoreInterface } from './VectorStoreInterface.js';
import { VectorStoreRetriever } from './VectorStoreRetriever.js';
import { checkK } from './internal/checkK.js';

/** Options of `asRetriever`. */
export interface AsRetrieverOptions {
  /** How many documents each query returns. @default 4 */
  k?: number | undefined;
  /** Keeps only the documents for which it returns true. */
  filter?: DocumentFilter | undefined;
  /** The retriever's run name. @default 'VectorStoreRetriever' */
  name?: string | undefined;
}

/**
 * The base of vector stores: documents kept with their embedding vectors, searched by
 * similarity to a query. A store implements `addVectors` and
 * `similaritySearchVectorWithScore`; embedding texts, the text searches and
 * `asRetriever` are derived here. Methods return Promises, as LangChain's do.
 *
 * @example
 * ```ts
 * import { MemoryVectorStore, HashingEmbeddings, VectorStore } from 'rxchain';
 *
 * const store: VectorStore = new MemoryVectorStore(new HashingEmbeddings());
 * await store.addDocuments([{ pageContent: 'buildings are made of brick', metadata: {} }]);
 * console.log((await store.similaritySearch('brick', 1)).map((doc) => doc.pageContent)); // => ['buildings are made of brick']
 * ```
 */
export abstract class VectorStore implements VectorStoreInterface {
  /** What turns texts into vectors. */
  readonly embeddings: Embeddings;

  /**
   * @param embeddings - what turns texts into vectors.
   */
  constructor(embeddings: Embeddings) {
    this.embeddings = embeddings;
  }

  /**
   * Stores documents with their vectors (given in the same order).
   *
   * @param vectors - one vector per document.
   * @param documents - the documents.
   */
  abstract addVectors(vectors: readonly (readonly number[])[], documents: readonly Document[]): Promise<void>;

  /**
   * The `k` stored documents most similar to a vector, best first, with their scores.
   *
   * @param query - the query's vector.
   * @param k - how many to return.
   * @param filter - keeps only the documents for which it returns true.
   */
  abstract similaritySearchVectorWithScore(
    query: readonly number[],
    k: number,
    filter?: DocumentFilter,
  ): Promise<[Document, number][]>;

  /**
   * Embeds the documents' texts and stores them.
   *
   * @param documents - the documents (`Document`s or `{ pageContent, metadata }` objects).
   * @param options - a signal to cancel the embedding call.
   */
  async addDocuments(documents: readonly (Document | DocumentInput)[], options?: EmbedOptions): Promise<void> {
    const docs = documents.map((doc) => (doc instanceof Document ? doc : new Document(doc)));
    const vectors = await this.embeddings.embedDocuments(
      docs.map((doc) => doc.pageContent),
      options,
    );
    await this.addVectors(vectors, docs);
  }

  /**
   * The `k` stored documents most similar to a text, best first.
   *
   * @param query - the text to search for.
   * @param k - how many to return. @default 4
   * @param filter - keeps only the documents for which it returns true.
   * @param options - a signal to cancel the query's embedding.
   * @returns the documents.
   */
  async similaritySearch(query: string, k = 4, filter?: DocumentFilter, options?: EmbedOptions): Promise<Document[]> {
    const results = await this.similaritySearchWithScore(query, k, filter, options);
    return results.map(([doc]) => doc);
  }

  /**
   * The `k` stored documents most similar to a text, best first, with their scores.
   *
   * @param query - the text to search for.
   * @param k - how many to return. @default 4
   * @param filter - keeps only the documents for which it returns true.
   * @param options - a signal to cancel the query's embedding.
   * @returns `[document, score]` pairs.
   */
  async similaritySearchWithScore(
    query: string,
    k = 4,
    filter?: DocumentFilter,
    options?: EmbedOptions,
  ): Promise<[Document, number][]> {
    checkK(k);
    const vector = await this.embeddings.embedQuery(query, options);
    return this.similaritySearchVectorWithScore(vector, k, filter);
  }

  /**
   * A retriever over this store: a runnable from a query to its `k` most similar
   * documents, reporting as a `retriever` run.
   *
   * @param options - `k` (or the options object with `k`, `filter`, `name`). @default 4
   * @returns a `VectorStoreRetriever`.
   */
  asRetriever(options?: number | AsRetrieverOptions): VectorStoreRetriever<this> {
    const fields = typeof options === 'number' ? { k: options } : (options ?? {});
    return new VectorStoreRetriever({ vectorStore: this, ...fields });
  }
}
