import fc from 'fast-check';
import { AbortError, HashingEmbeddings, InvalidArgumentError } from 'rxchain';

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const length = (v: readonly number[]): number => Math.sqrt(dot(v, v));

/** The texts, best match first, for a query. */
async function rank(texts: string[], query: string): Promise<string[]> {
  const embeddings = new HashingEmbeddings();
  const vectors = await embeddings.embedDocuments(texts);
  const q = await embeddings.embedQuery(query);
  return texts
    .map((text, i) => ({ text, score: dot(q, vectors[i] ?? []) }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.text);
}

describe('HashingEmbeddings', () => {
  it('should make vectors of 512 dimensions by default, or as many as asked', async () => {
    expect((await new HashingEmbeddings().embedQuery('hello')).length).toBe(512);
    expect((await new HashingEmbeddings({ dimensions: 64 }).embedQuery('hello')).length).toBe(64);
  });

  it('should reject dimensions that are not a positive integer', () => {
    for (const dimensions of [0, -3, 1.5, Number.NaN]) {
      expect(() => new HashingEmbeddings({ dimensions })).toThrow(InvalidArgumentError);
    }
  });

  it('should embed a document and the same query text identically, on every instance', async () => {
    const a = new HashingEmbeddings();
    const b = new HashingEmbeddings();
    const [doc] = await a.embedDocuments(['Harrison worked at Kensho']);
    expect(await b.embedQuery('Harrison worked at Kensho')).toEqual(doc);
  });

  it("should follow the documented recipe: FNV-1a positions, signed, one unit per word and per word's trigrams", () => {
    const dimensions = 1024;
    // "ab" has the features w:ab, and the trigrams #ab and ab# sharing one unit (1/√2 each).
    const expected = new Array<number>(dimensions).fill(0);
    for (const [feature, weight] of [
      ['w:ab', 1],
      ['c:#ab', Math.SQRT1_2],
      ['c:ab#', Math.SQRT1_2],
    ] as const) {
      const hash = fnv1a(feature);
      const index = hash % dimensions;
      expected[index] = (expected[index] ?? 0) + (murmurFinalizer(hash) & 1 ? -weight : weight);
    }
    const norm = length(expected);
    const actual = new HashingEmbeddings({ dimensions }).embed('AB');
    expect(actual.filter((x) => x !== 0)).toHaveLength(3);
    actual.forEach((x, i) => expect(x).toBeCloseTo((expected[i] ?? 0) / norm, 12));
  });

  it('should ignore case, punctuation and Unicode normalisation form', () => {
    const embeddings = new HashingEmbeddings();
    expect(embeddings.embed('Café, OK?')).toEqual(embeddings.embed('cafe\u0301 ok'));
  });

  it('should give unit vectors, and the zero vector for a text without words', () => {
    const embeddings = new HashingEmbeddings();
    expect(length(embeddings.embed('mitochondria is the powerhouse of the cell'))).toBeCloseTo(1, 12);
    expect(embeddings.embed(' ?! ').every((x) => x === 0)).toBe(true);
    expect(embeddings.embed('').every((x) => x === 0)).toBe(true);
  });

  it('should give unit or zero vectors for any text (property)', () => {
    const embeddings = new HashingEmbeddings({ dimensions: 32 });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const norm = length(embeddings.embed(text));
        return Math.abs(norm - 1) < 1e-9 || norm === 0;
      }),
    );
  });

  it('should find the document about the powerhouse of the cell (the guide)', async () => {
    expect(
      await rank(
        ['buildings are made of brick', 'mitochondria is the powerhouse of the cell'],
        'What is the powerhouse of the cell?',
      ),
    ).toEqual(['mitochondria is the powerhouse of the cell', 'buildings are made of brick']);
  });

  it('should find where harrison worked, through shared word parts (work / worked)', async () => {
    expect(await rank(['harrison likes spicy food', 'harrison worked at kensho'], 'where did harrison work?')).toEqual([
      'harrison worked at kensho',
      'harrison likes spicy food',
    ]);
  });

  it('should score a text closer to itself than to an unrelated one', async () => {
    const embeddings = new HashingEmbeddings();
    const text = embeddings.embed('photosynthesis converts light into chemical energy');
    expect(dot(text, text)).toBeCloseTo(1, 12);
    expect(dot(text, embeddings.embed('the stock market fell sharply today'))).toBeLessThan(0.2);
  });

  it('should reject with the signal reason when the signal is aborted', async () => {
    const embeddings = new HashingEmbeddings();
    const controller = new AbortController();
    controller.abort();
    await expect(embeddings.embedQuery('x', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const reasoned = new AbortController();
    reasoned.abort('user left');
    await expect(embeddings.embedDocuments(['x'], { signal: reasoned.signal })).rejects.toEqual(
      new AbortError('user left'),
    );
  });

  it('should reject when the signal aborts before the vectors are computed', async () => {
    const controller = new AbortController();
    const pending = new HashingEmbeddings().embedQuery('x', { signal: controller.signal });
    controller.abort(new Error('late'));
    await expect(pending).rejects.toThrow('late');
  });
});

/** FNV-1a over UTF-16 code units, written independently of the library. */
function fnv1a(text: string): number {
  let hash = 2166136261;
  for (const unit of Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))) {
    hash = Number((BigInt(hash ^ unit) * 16777619n) % 4294967296n);
    hash >>>= 0;
  }
  return hash;
}

function murmurFinalizer(value: number): number {
  let h = BigInt(value);
  const M = 4294967296n;
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) % M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) % M;
  h ^= h >> 16n;
  return Number(h);
}
