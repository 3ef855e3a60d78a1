import type { RunnableConfig } from '../core/RunnableConfig.js';
import { Document } from '../documents/Document.js';
import { BaseRetriever } from '../retrievers/BaseRetriever.js';

/**
 * LangChain.js's `FakeRetriever`: returns the same documents for every query (by
 * default `foo` and `bar`), as a `retriever` run.
 *
 * @example
 * ```ts
 * import { Document } from 'rxchain';
 * import { FakeRetriever } from 'rxchain/testing';
 *
 * console.log((await new FakeRetriever().invoke('anything')).map((d) => d.pageContent)); // => ['foo', 'bar']
 * const custom = new FakeRetriever({ output: [new Document({ pageContent: 'kensho' })] });
 * console.log((await custom.invoke('where?'))[0]?.pageContent); // => 'kensho'
 * ```
 */
export class FakeRetriever extends BaseRetriever {
  /** The documents every query gets. */
  output: Document[];

  /**
   * @param fields - `output`: the documents to return. @default foo and bar
   */
  constructor(fields?: { output: Document[] }) {
    super();
    this.output = fields?.output ?? [new Document({ pageContent: 'foo' }), new Document({ pageContent: 'bar' })];
  }

  protected override get defaultName(): string {
    return 'FakeRetriever';
  }

  protected async _getRelevantDocuments(_query: string, _config: RunnableConfig): Promise<Document[]> {
    return [...this.output];
  }
}
