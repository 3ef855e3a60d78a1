import {
  Document,
  HashingEmbeddings,
  InvalidArgumentError,
  MemoryVectorStore,
  VectorStoreRetriever,
  type EmbedOptions,
  type Embeddings,
} from 'rxchain';

/** Embeddings from a table of hand-made vectors, recording the options of each call. */
class TableEmbeddings implements Embeddings {
  readonly options: (EmbedOptions | undefined)[] = [];
  constructor(private readonly table: Readonly<Record<string, number[]>>) {}
  async embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<number[][]> {
    this.options.push(options);
    return texts.map((text) => this.vector(text));
  }
  async embedQuery(text: string, options?: EmbedOptions): Promise<number[]> {
    this.options.push(options);
    return this.vector(text);
  }
  private vector(text: string): number[] {
    const vector = this.table[text];
    if (vector === undefined) throw new Error(`no vector for ${text}`);
    return vector;
  }
}

const table = {
  east: [1, 0],
  north: [0, 1],
  northeast: [1, 1],
  west: [-1, 0],
  nowhere: [0, 0],
};

describe('MemoryVectorStore', () => {
  describe('fromTexts', () => {
    it('should store each text with its own metadata', async () => {
      const store = await MemoryVectorStore.fromTexts(
        ['east', 'north'],
        [{ n: 1 }, { n: 2 }],
        new TableEmbeddings(table),
      );
      expect(store.size).toBe(2);
      const found = await store.similaritySearch('east', 2);
      expect(found).toEqual([
        new Document({ pageContent: 'east', metadata: { n: 1 } }),
        new Document({ pageContent: 'north', metadata: { n: 2 } }),
      ]);
    });

    it('should give every text a copy of one metadata object', async () => {
      const shared = { source: 'guide' };
      const store = await MemoryVectorStore.fromTexts(['east', 'north'], shared, new TableEmbeddings(table));
      const found = await store.similaritySearch('east', 2);
      expect(found.map((doc) => doc.metadata)).toEqual([{ source: 'guide' }, { source: 'guide' }]);
      expect(found[0]?.metadata).not.toBe(found[1]?.metadata);
    });
  });

  describe('fromDocuments and addDocuments', () => {
    it('should keep the documents ids and metadata, and embed their text in one call', async () => {
      const embeddings = new TableEmbeddings(table);
      const store = await MemoryVectorStore.fromDocuments(
        [
          new Document({ pageContent: 'east', metadata: { a: 1 }, id: 'e' }),
          new Document({ pageContent: 'west', id: 'w' }),
        ],
        embeddings,
      );
      expect(embeddings.options).toHaveLength(1);
      const [best] = await store.similaritySearch('west', 1);
      expect(best).toEqual(new Document({ pageContent: 'west', metadata: {}, id: 'w' }));
    });

    it('should accept plain { pageContent, metadata } objects and pass the signal to the embeddings', async () => {
      const embeddings = new TableEmbeddings(table);
      const store = new MemoryVectorStore(embeddings);
      const { signal } = new AbortController();
      await store.addDocuments([{ pageContent: 'north', metadata: { k: 'v' } }], { signal });
      expect(embeddings.options[0]?.signal).toBe(signal);
      const [best] = await store.similaritySearch('north', 1);
      expect(best).toBeInstanceOf(Document);
      expect(best?.metadata).toEqual({ k: 'v' });
    });
  });

  describe('similaritySearchWithScore', () => {
    it('should rank by cosine similarity, best first, with the scores', async () => {
      const store = await MemoryVectorStore.fromTexts(
        ['west', 'north', 'northeast', 'east'],
        {},
        new TableEmbeddings(table),
      );
      const results = await store.similaritySearchWithScore('east', 4);
      expect(results.map(([doc, score]) => [doc.pageContent, Number(score.toFixed(6))])).toEqual([
        ['east', 1],
        ['northeast', Number(Math.SQRT1_2.toFixed(6))],
        ['north', 0],
        ['west', -1],
      ]);
    });

    it('should return k results at most, 4 by default', async () => {
      const texts = ['east', 'north', 'northeast', 'west', 'east'];
      const store = await MemoryVectorStore.fromTexts(texts, {}, new TableEmbeddings(table));
      expect(await store.similaritySearch('east', 2)).toHaveLength(2);
      expect(await store.similaritySearch('east')).toHaveLength(4);
      expect(await store.similaritySearch('east', 10)).toHaveLength(5);
    });

    it('should keep insertion order between equal scores', async () => {
      const store = await MemoryVectorStore.fromDocuments(
        ['east', 'east', 'east'].map((pageContent, i) => new Document({ pageContent, id: `e${i}` })),
        new TableEmbeddings(table),
      );
      expect((await store.similaritySearch('east', 3)).map((doc) => doc.id)).toEqual(['e0', 'e1', 'e2']);
    });

    it('should score zero vectors 0 instead of NaN', async () => {
      const store = await MemoryVectorStore.fromTexts(['nowhere', 'east'], {}, new TableEmbeddings(table));
      const results = await store.similaritySearchWithScore('nowhere', 2);
      expect(results.map(([, score]) => score)).toEqual([0, 0]);
    });

    it('should keep only the documents the filter accepts', async () => {
      const store = await MemoryVectorStore.fromTexts(
        ['east', 'northeast', 'north'],
        [{ lang: 'en' }, { lang: 'fr' }, { lang: 'en' }],
        new TableEmbeddings(table),
      );
      const found = await store.similaritySearch('east', 4, (doc) => doc.metadata['lang'] === 'en');
      expect(found.map((doc) => doc.pageContent)).toEqual(['east', 'north']);
    });

    it('should return copies, so that changing a result leaves the store as it was', async () => {
      const store = await MemoryVectorStore.fromTexts(['east'], {}, new TableEmbeddings(table));
      const [first] = await store.similaritySearch('east', 1);
      if (first === undefined) throw new Error('nothing found');
      first.pageContent = 'changed';
      expect((await store.similaritySearch('east', 1))[0]?.pageContent).toBe('east');
    });

    it('should pass the signal to the query embedding', async () => {
      const embeddings = new TableEmbeddings(table);
      const store = await MemoryVectorStore.fromTexts(['east'], {}, embeddings);
      const { signal } = new AbortController();
      await store.similaritySearch('east', 1, undefined, { signal });
      expect(embeddings.options.at(-1)?.signal).toBe(signal);
    });

    it('should reject a k that is not a positive integer', async () => {
      const store = await MemoryVectorStore.fromTexts(['east'], {}, new TableEmbeddings(table));
      for (const k of [0, -1, 2.5]) {
        const error = await store.similaritySearch('east', k).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).argument).toBe('k');
      }
    });

    it('should return nothing from an empty store', async () => {
      const store = new MemoryVectorStore(new TableEmbeddings(table));
      expect(await store.similaritySearch('east')).toEqual([]);
    });
  });

  describe('addVectors', () => {
    it('should reject a vector count that differs from the document count', async () => {
      const store = new MemoryVectorStore(new TableEmbeddings(table));
      await expect(store.addVectors([[1, 0]], [])).rejects.toBeInstanceOf(InvalidArgumentError);
    });

    it('should reject vectors and queries whose dimensions differ from the stored ones', async () => {
      const store = new MemoryVectorStore(new TableEmbeddings(table));
      await store.addVectors([[1, 0]], [new Document({ pageContent: 'a' })]);
      await expect(store.addVectors([[1, 0, 0]], [new Document({ pageContent: 'b' })])).rejects.toThrow(/3 dimensions/);
      await expect(store.similaritySearchVectorWithScore([1, 0, 0], 1)).rejects.toThrow(
        /same embeddings|embedded with/,
      );
      expect(store.size).toBe(1);
    });
  });

  describe('asRetriever', () => {
    it('should make a VectorStoreRetriever with k (a number or an option), a filter and a name', async () => {
      const store = await MemoryVectorStore.fromTexts(
        ['east', 'northeast', 'north'],
        [{ n: 1 }, { n: 2 }, { n: 3 }],
        new TableEmbeddings(table),
      );
      const byNumber = store.asRetriever(1);
      const byOptions = store.asRetriever({ k: 2, filter: (doc) => doc.metadata['n'] !== 1, name: 'Docs' });
      expect(byNumber).toBeInstanceOf(VectorStoreRetriever);
      expect(byNumber.k).toBe(1);
      expect(store.asRetriever().k).toBe(4);
      expect((await byNumber.invoke('east')).map((d) => d.pageContent)).toEqual(['east']);
      expect(byOptions.getName()).toBe('Docs');
      expect((await byOptions.invoke('east')).map((d) => d.pageContent)).toEqual(['northeast', 'north']);
    });

    it('should refuse a k that is not a positive integer at once', async () => {
      const store = new MemoryVectorStore(new HashingEmbeddings());
      expect(() => store.asRetriever(0)).toThrow(InvalidArgumentError);
    });
  });

  describe('with HashingEmbeddings', () => {
    it("should retrieve the guide's documents for the guide's questions", async () => {
      const embeddings = new HashingEmbeddings();
      const cells = await MemoryVectorStore.fromTexts(
        ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'],
        [{}, {}],
        embeddings,
      );
      const harrison = await MemoryVectorStore.fromTexts(
        ['harrison worked at kensho', 'harrison likes spicy food'],
        {},
        embeddings,
      );
      expect((await cells.similaritySearch('What is the powerhouse of the cell?', 1))[0]?.pageContent).toBe(
        'mitochondria is the powerhouse of the cell',
      );
      expect((await harrison.similaritySearch('where did harrison work?', 1))[0]?.pageContent).toBe(
        'harrison worked at kensho',
      );
    });
  });
});
