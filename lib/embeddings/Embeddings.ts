/** Options of one embedding call. */
export interface EmbedOptions {
  /** Cancels the call (a provider aborts its HTTP request). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Turns texts into vectors: the interface vector stores and retrievers embed with. The
 * methods return Promises, as LangChain.js's `Embeddings` do, so embedding classes carry
 * over; `signal` cancels a call in flight.
 *
 * @example
 * ```ts
 * import type { Embeddings } from 'rxchain';
 *
 * const lengths: Embeddings = {
 *   embedDocuments: async (texts) => texts.map((text) => [text.length, 1]),
 *   embedQuery: async (text) => [text.length, 1],
 * };
 * console.log(await lengths.embedQuery('four')); // => [4, 1]
 * ```
 */
export interface Embeddings {
  /**
   * Embeds documents, one vector per text, in order.
   * @param texts - the texts.
   * @param options - a signal to cancel the call.
   */
  embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
  /**
   * Embeds a search query.
   * @param text - the query.
   * @param options - a signal to cancel the call.
   */
  embedQuery(text: string, options?: EmbedOptions): Promise<number[]>;
}
