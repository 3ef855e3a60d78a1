import { Document } from '../documents/Document.js';
import type { Embeddings } from '../embeddings/Embeddings.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { DocumentFilter } from './VectorStoreInterface.js';
import { checkK } from './internal/checkK.js';
import { VectorStore } from './VectorStore.js';

interface Entry {
  readonly document: Document;
  readonly vector: readonly number[];
  readonly norm: number;
}

/**
 * A vector store in memory: documents and their vectors in an array, searched by cosine
 * similarity (scores from -1 to 1, higher is closer; ties keep insertion order). For
 * tests, demos and small corpora.
 *
 * @example
 * ```ts
 * import { MemoryVectorStore, HashingEmbeddings } from 'rxchain';
 *
 * const store = await MemoryVectorStore.fromTexts(
 *   ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'],
 *   [{ topic: 'biology' }, { topic: 'building' }],
 *   new HashingEmbeddings(),
 * );
 * const [best] = await store.similaritySearch('What is the powerhouse of the cell?', 1);
 * console.log(best?.pageContent, best?.metadata); // => 'mitochondria is the powerhouse of the cell', { topic: 'biology' }
 * const bricks = await store.similaritySearch('cell', 4, (doc) => doc.metadata['topic'] === 'building');
 * console.log(bricks.map((doc) => doc.pageContent)); // => ['buildings are made of brick']
 * ```
 */
export class MemoryVectorStore extends VectorStore {
  readonly #entries: Entry[] = [];

  /**
   * Makes a store holding `texts`.
   *
   * @param texts - the texts.
   * @param metadatas - one metadata object per text, or one for all.
   * @param embeddings - what turns texts into vectors.
   * @returns the store.
   */
  static async fromTexts(
    texts: readonly string[],
    metadatas: Record<string, unknown> | readonly Record<string, unknown>[],
    embeddings: Embeddings,
  ): Promise<MemoryVectorStore> {
    const documents = texts.map(
      (pageContent, i) => new Document({ pageContent, metadata: { ...metadataOf(metadatas, i) } }),
    );
    return MemoryVectorStore.fromDocuments(documents, embeddings);
  }

  /**
   * Makes a store holding `documents`.
   *
   * @param documents - the documents.
   * @param embeddings - what turns texts into vectors.
   * @returns the store.
   */
  static async fromDocuments(documents: readonly Document[], embeddings: Embeddings): Promise<MemoryVectorStore> {
    const store = new MemoryVectorStore(embeddings);
    await store.addDocuments(documents);
    return store;
  }

  /** How many documents the store holds. */
  get size(): number {
    return this.#entries.length;
  }

  async addVectors(vectors: readonly (readonly number[])[], documents: readonly Document[]): Promise<void> {
    if (vectors.length !== documents.length) {
      throw new InvalidArgumentError(
        'vectors',
        `addVectors() got ${vectors.length} vectors for ${documents.length} documents: pass one vector per document.`,
      );
    }
    const dimensions = this.#entries[0]?.vector.length ?? vectors[0]?.length;
    vectors.forEach((vector, i) => {
      if (vector.length !== dimensions) {
        throw new InvalidArgumentError(
          'vectors',
          `Vector ${i} has ${vector.length} dimensions where the store's have ${String(dimensions)}: ` +
            'embed every document with the same embeddings.',
        );
      }
    });
    documents.forEach((document, i) => {
      const vector = [...(vectors[i] as readonly number[])];
      this.#entries.push({ document, vector, norm: norm(vector) });
    });
  }

  async similaritySearchVectorWithScore(
    query: readonly number[],
    k: number,
    filter?: DocumentFilter,
  ): Promise<[Document, number][]> {
    checkK(k);
    const dimensions = this.#entries[0]?.vector.length;
    if (dimensions !== undefined && query.length !== dimensions) {
      throw new InvalidArgumentError(
        'query',
        `The query vector has ${query.length} dimensions where the store's have ${dimensions}: ` +
          'embed the query with the embeddings the documents were embedded with.',
      );
    }
    const queryNorm = norm(query);
    const scored: [Entry, number][] = [];
    for (const entry of this.#entries) {
      if (filter !== undefined && !filter(entry.document)) continue;
      const denominator = queryNorm * entry.norm;
      scored.push([entry, denominator === 0 ? 0 : dot(query, entry.vector) / denominator]);
    }
    // Array.prototype.sort is stable: equal scores keep insertion order.
    return scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([{ document }, score]) => [
        new Document({ pageContent: document.pageContent, metadata: document.metadata, id: document.id }),
        score,
      ]);
  }
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function norm(vector: readonly number[]): number {
  return Math.sqrt(dot(vector, vector));
}

/** The metadata of text `i`: its own, or the one object given for all. */
function metadataOf(
  metadatas: Record<string, unknown> | readonly Record<string, unknown>[],
  i: number,
): Record<string, unknown> | undefined {
  return isList(metadatas) ? metadatas[i] : metadatas;
}

function isList<T>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value);
}
