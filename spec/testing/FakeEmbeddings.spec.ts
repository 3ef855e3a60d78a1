import { MemoryVectorStore } from 'rxchain';
import { FakeEmbeddings } from 'rxchain/testing';

describe('FakeEmbeddings', () => {
  it('should embed every text to the same four numbers', async () => {
    const embeddings = new FakeEmbeddings();
    expect(await embeddings.embedQuery('anything')).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(await embeddings.embedDocuments(['a', 'b', 'c'])).toEqual([
      [0.1, 0.2, 0.3, 0.4],
      [0.1, 0.2, 0.3, 0.4],
      [0.1, 0.2, 0.3, 0.4],
    ]);
    expect(await embeddings.embedDocuments([])).toEqual([]);
  });

  it('should serve a vector store', async () => {
    const store = new MemoryVectorStore(new FakeEmbeddings());
    await store.addDocuments([{ pageContent: 'one', metadata: {} }]);
    expect((await store.asRetriever().invoke('q')).map((d) => d.pageContent)).toEqual(['one']);
  });
});
