import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { Document } from '../documents/Document.js';
import { checkK } from './internal/checkK.js';
import { BaseRetriever } from '../retrievers/BaseRetriever.js';
import type { DocumentFilter, VectorStoreInterface } from './VectorStoreInterface.js';

/** What makes a `VectorStoreRetriever`. */
export interface VectorStoreRetrieverFields<V extends VectorStoreInterface = VectorStoreInterface> {
  /** The store to search. */
  vectorStore: V;
  /** How many documents each query returns. @default 4 */
  k?: number | undefined;
  /** Keeps only the documents for which it returns true. */
  filter?: DocumentFilter | undefined;
  /** The run name. @default 'VectorStoreRetriever' */
  name?: string | undefined;
}

/**
 * A retriever that returns the `k` documents of a vector store most similar to the
 * query (what `vectorStore.asRetriever()` makes). Cancelling the run aborts the query's
 * embedding call.
 *
 * @example
 * ```ts
 * import { MemoryVectorStore, HashingEmbeddings } from 'rxchain';
 *
 * const store = await MemoryVectorStore.fromTexts(
 *   ['harrison worked at kensho', 'harrison likes spicy food'],
 *   {},
 *   new HashingEmbeddings(),
 * );
 * const retriever = store.asRetriever({ k: 1 });
 * const docs = await retriever.invoke('where did harrison work?');
 * console.log(retriever.getName(), docs.map((doc) => doc.pageContent)); // => 'VectorStoreRetriever', ['harrison worked at kensho']
 * ```
 */
export class VectorStoreRetriever<V extends VectorStoreInterface = VectorStoreInterface> extends BaseRetriever {
  /** The store searched. */
  readonly vectorStore: V;
  /** How many documents each query returns. */
  readonly k: number;
  /** Keeps only the documents for which it returns true. */
  readonly filter: DocumentFilter | undefined;

  /**
   * @param fields - the store, `k`, a filter and a name.
   */
  constructor(fields: VectorStoreRetrieverFields<V>) {
    super();
    const k = fields.k ?? 4;
    checkK(k);
    this.vectorStore = fields.vectorStore;
    this.k = k;
    this.filter = fields.filter;
    if (fields.name !== undefined) this.name = fields.name;
  }

  protected override get defaultName(): string {
    return 'VectorStoreRetriever';
  }

  protected _getRelevantDocuments(query: string, config: RunnableConfig): Promise<Document[]> {
    return this.vectorStore.similaritySearch(query, this.k, this.filter, { signal: config.signal });
  }
}
