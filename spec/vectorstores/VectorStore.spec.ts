import { Document, HashingEmbeddings, VectorStore, VectorStoreRetriever, type DocumentFilter } from 'rxchain';

/** A store that records what the base class asks of it. */
class RecordingStore extends VectorStore {
  readonly added: { vectors: readonly (readonly number[])[]; documents: readonly Document[] }[] = [];
  readonly searches: { query: readonly number[]; k: number; filter: DocumentFilter | undefined }[] = [];

  async addVectors(vectors: readonly (readonly number[])[], documents: readonly Document[]): Promise<void> {
    this.added.push({ vectors, documents });
  }

  async similaritySearchVectorWithScore(
    query: readonly number[],
    k: number,
    filter?: DocumentFilter,
  ): Promise<[Document, number][]> {
    this.searches.push({ query, k, filter });
    return [
      [new Document({ pageContent: 'first' }), 0.9],
      [new Document({ pageContent: 'second' }), 0.5],
    ];
  }
}

describe('VectorStore', () => {
  const embeddings = new HashingEmbeddings({ dimensions: 16 });

  it('should embed documents and hand the vectors to addVectors in order', async () => {
    const store = new RecordingStore(embeddings);
    await store.addDocuments([{ pageContent: 'one' }, new Document({ pageContent: 'two', id: '2' })]);
    expect(store.added).toHaveLength(1);
    expect(store.added[0]?.vectors).toEqual([embeddings.embed('one'), embeddings.embed('two')]);
    expect(store.added[0]?.documents.map((d) => [d.pageContent, d.id])).toEqual([
      ['one', undefined],
      ['two', '2'],
    ]);
    expect(store.added[0]?.documents[0]).toBeInstanceOf(Document);
  });

  it('should embed the query and search by vector, with k 4 by default and the filter', async () => {
    const store = new RecordingStore(embeddings);
    const filter: DocumentFilter = () => true;
    const docs = await store.similaritySearch('query');
    const scored = await store.similaritySearchWithScore('query', 2, filter);
    expect(docs.map((d) => d.pageContent)).toEqual(['first', 'second']);
    expect(scored.map(([d, s]) => [d.pageContent, s])).toEqual([
      ['first', 0.9],
      ['second', 0.5],
    ]);
    expect(store.searches).toEqual([
      { query: embeddings.embed('query'), k: 4, filter: undefined },
      { query: embeddings.embed('query'), k: 2, filter },
    ]);
  });

  it('should make retrievers over any store', async () => {
    const store = new RecordingStore(embeddings);
    const retriever = store.asRetriever(3);
    expect(retriever).toBeInstanceOf(VectorStoreRetriever);
    expect(retriever.vectorStore).toBe(store);
    expect((await retriever.invoke('q')).map((d) => d.pageContent)).toEqual(['first', 'second']);
    expect(store.searches[0]?.k).toBe(3);
  });
});
