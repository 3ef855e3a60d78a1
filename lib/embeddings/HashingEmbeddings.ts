import { abortReason } from '../core/lifecycle.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { EmbedOptions, Embeddings } from './Embeddings.js';

/** Options of `HashingEmbeddings`. */
export interface HashingEmbeddingsOptions {
  /** The length of the vectors. @default 512 */
  dimensions?: number | undefined;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Embeddings computed locally by feature hashing: no network, no model weights, the
 * same vector for the same text on every machine. Good for tests, demos and offline
 * examples, where a retriever has to find the document that shares words with the
 * question.
 *
 * How a text becomes a vector: it is NFKC-normalised and lower-cased, and cut into words
 * (runs of letters and digits). Each word adds one unit for the whole word and one unit
 * spread over its character trigrams (`#word#` gives `#wo`, `wor`, `ord`, `rd#`), so
 * `work` and `worked` are close. Each feature is hashed (FNV-1a) to a position, with a
 * sign from a second hash so that collisions cancel out on average; the vector is then
 * scaled to length 1, so a dot product is the cosine similarity. A text with no words
 * gives the zero vector.
 *
 * It measures shared words, not meaning: "car" and "automobile" are unrelated to it.
 *
 * @example
 * ```ts
 * import { HashingEmbeddings } from 'rxchain';
 *
 * const embeddings = new HashingEmbeddings();
 * const [cell, brick] = await embeddings.embedDocuments([
 *   'mitochondria is the powerhouse of the cell',
 *   'buildings are made of brick',
 * ]);
 * const query = await embeddings.embedQuery('What is the powerhouse of the cell?');
 * const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
 * console.log(query.length, dot(query, cell ?? []) > dot(query, brick ?? [])); // => 512, true
 * ```
 */
export class HashingEmbeddings implements Embeddings {
  /** The length of the vectors. */
  readonly dimensions: number;

  /**
   * @param options - the vectors' length.
   */
  constructor(options?: HashingEmbeddingsOptions) {
    const dimensions = options?.dimensions ?? 512;
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new InvalidArgumentError(
        'dimensions',
        `HashingEmbeddings needs a positive integer number of dimensions, got ${String(dimensions)}.`,
      );
    }
    this.dimensions = dimensions;
  }

  /**
   * Embeds documents, one vector per text, in order.
   *
   * @param texts - the texts.
   * @param options - a signal: an aborted one rejects the call.
   * @returns the vectors.
   */
  embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<number[][]> {
    return this.#run(options, () => texts.map((text) => this.embed(text)));
  }

  /**
   * Embeds a search query (the same way as a document).
   *
   * @param text - the query.
   * @param options - a signal: an aborted one rejects the call.
   * @returns the vector.
   */
  embedQuery(text: string, options?: EmbedOptions): Promise<number[]> {
    return this.#run(options, () => this.embed(text));
  }

  /**
   * The vector of one text, computed synchronously.
   *
   * @param text - the text.
   * @returns a vector of `dimensions` numbers, of length 1 (or all zeros for a text without words).
   */
  embed(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    const add = (feature: string, weight: number): void => {
      const hash = fnv1a(feature);
      const index = hash % this.dimensions;
      vector[index] = (vector[index] ?? 0) + (mix(hash) & 1 ? -weight : weight);
    };
    for (const word of text.normalize('NFKC').toLowerCase().match(WORD) ?? []) {
      add(`w:${word}`, 1);
      const padded = `#${word}#`;
      const count = padded.length - 2;
      const weight = 1 / Math.sqrt(count);
      for (let i = 0; i < count; i++) add(`c:${padded.slice(i, i + 3)}`, weight);
    }
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
    return norm === 0 ? vector : vector.map((x) => x / norm);
  }

  #run<T>(options: EmbedOptions | undefined, compute: () => T): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    return Promise.resolve().then(() => {
      if (signal?.aborted === true) throw abortReason(signal);
      return compute();
    });
  }
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Murmur3's finaliser: a second, independent-looking hash for the sign. */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
