/** The fields of a `Document`. */
export interface DocumentInput<M extends Record<string, unknown> = Record<string, unknown>> {
  /** The text. */
  pageContent: string;
  /** Where it comes from, and anything else worth keeping with it. @default {} */
  metadata?: M | undefined;
  /** An id, when the store or loader gives one. */
  id?: string | undefined;
}

/**
 * A piece of text with metadata, as LangChain's `Document`: what vector stores hold and
 * retrievers return.
 *
 * @typeParam M - the metadata's type.
 *
 * @example
 * ```ts
 * import { Document } from 'rxchain';
 *
 * const doc = new Document({ pageContent: 'mitochondria is the powerhouse of the cell', metadata: { source: 'biology' } });
 * console.log(doc.pageContent, doc.metadata, doc.id); // => 'mitochondria is the powerhouse of the cell', { source: 'biology' }, undefined
 * ```
 */
export class Document<M extends Record<string, unknown> = Record<string, unknown>> {
  /** The text. */
  pageContent: string;
  /** Where it comes from, and anything else worth keeping with it. */
  metadata: M;
  /** An id, when the store or loader gives one. */
  id: string | undefined;

  /**
   * @param fields - the text, its metadata and its id.
   */
  constructor(fields: DocumentInput<M>) {
    this.pageContent = fields.pageContent;
    this.metadata = fields.metadata ?? ({} as M);
    this.id = fields.id;
  }
}
