import {
  Document,
  HashingEmbeddings,
  MemoryVectorStore,
  VectorStoreRetriever,
  type EmbedOptions,
  type Embeddings,
} from 'rxchain';
import { eventsOf, labels } from '../support/streamEvents';

/** Hashing embeddings whose query embedding waits until its signal aborts. */
class StuckQueryEmbeddings implements Embeddings {
  readonly inner = new HashingEmbeddings();
  readonly querySignals: (AbortSignal | undefined)[] = [];
  embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<number[][]> {
    return this.inner.embedDocuments(texts, options);
  }
  embedQuery(_text: string, options?: EmbedOptions): Promise<number[]> {
    this.querySignals.push(options?.signal);
    return new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
  }
}

const cellTexts = ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'];

describe('VectorStoreRetriever', () => {
  it("should stream the guide's documents as one chunk, the closest first", async () => {
    const vectorstore = await MemoryVectorStore.fromTexts(cellTexts, [{}, {}], new HashingEmbeddings());
    const retriever = vectorstore.asRetriever();
    const chunks: Document[][] = [];
    for await (const chunk of await retriever.stream('What is the powerhouse of the cell?')) chunks.push(chunk);
    expect(chunks).toEqual([
      [
        new Document({ pageContent: 'mitochondria is the powerhouse of the cell', metadata: {} }),
        new Document({ pageContent: 'buildings are made of brick', metadata: {} }),
      ],
    ]);
  });

  it('should return k documents that pass the filter', async () => {
    const store = await MemoryVectorStore.fromTexts(
      ['harrison worked at kensho', 'harrison likes spicy food', 'kensho is in cambridge'],
      [{ about: 'harrison' }, { about: 'harrison' }, { about: 'kensho' }],
      new HashingEmbeddings(),
    );
    const retriever = new VectorStoreRetriever({
      vectorStore: store,
      k: 1,
      filter: (doc) => doc.metadata['about'] === 'harrison',
    });
    expect((await retriever.invoke('where is kensho?')).map((d) => d.pageContent)).toEqual([
      'harrison worked at kensho',
    ]);
  });

  it('should report as VectorStoreRetriever, or the name given', async () => {
    const store = await MemoryVectorStore.fromTexts(cellTexts, {}, new HashingEmbeddings());
    const events = await eventsOf(store.asRetriever({ k: 1 }), 'cell');
    expect(labels(events)).toEqual([
      'on_retriever_start:VectorStoreRetriever',
      'on_retriever_end:VectorStoreRetriever',
    ]);
    expect(events[1]?.data.output).toEqual([new Document({ pageContent: cellTexts[0] as string, metadata: {} })]);
    expect(store.asRetriever({ name: 'Docs' }).getName()).toBe('Docs');
    expect(labels(await eventsOf(store.asRetriever().withConfig({ runName: 'Docs' }), 'cell'))[0]).toBe(
      'on_retriever_start:Docs',
    );
  });

  describe('cancellation', () => {
    it("should pass the run's signal to embedQuery and abort it when the run is unsubscribed", async () => {
      const embeddings = new StuckQueryEmbeddings();
      const store = await MemoryVectorStore.fromTexts(cellTexts, {}, embeddings);
      const results: unknown[] = [];
      const subscription = store
        .asRetriever()
        .stream$('cell')
        .subscribe({
          next: (docs) => results.push(docs),
          error: (error: unknown) => results.push(error),
        });
      await new Promise((resolve) => setImmediate(resolve));
      const [signal] = embeddings.querySignals;
      expect(signal).toBeInstanceOf(AbortSignal);
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(results).toEqual([]);
    });

    it("should abort the embedding when the caller's signal aborts, failing with its reason", async () => {
      const embeddings = new StuckQueryEmbeddings();
      const store = await MemoryVectorStore.fromTexts(cellTexts, {}, embeddings);
      const controller = new AbortController();
      const result = store
        .asRetriever()
        .invoke('cell', { signal: controller.signal })
        .catch((e: unknown) => e);
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort(new Error('user left'));
      expect(((await result) as Error).message).toBe('user left');
      expect(embeddings.querySignals[0]?.aborted).toBe(true);
    });
  });
});
