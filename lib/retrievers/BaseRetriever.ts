import { from, isObservable, mergeMap, throwError, type Observable } from 'rxjs';
import { inUserScope } from '../core/internal/userScope.js';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import { Runnable } from '../runnables/Runnable.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import type { Document } from '../documents/Document.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/**
 * The base of retrievers: a runnable from a query string to the documents relevant to
 * it. It needs its whole input and emits one chunk, the `Document[]`; its runs report
 * as `retriever` (`on_retriever_start` with `{ query }`, `on_retriever_end` with the
 * documents). A subclass implements `_getRelevantDocuments`; the `config` it receives
 * has a signal that aborts when the run is cancelled, and makes runnables it is passed
 * to children of the retriever's run.
 *
 * @example
 * ```ts
 * import { BaseRetriever, Document, type RunnableConfig } from 'rxchain';
 *
 * class KeywordRetriever extends BaseRetriever {
 *   constructor(private readonly texts: string[]) {
 *     super();
 *   }
 *   protected async _getRelevantDocuments(query: string, _config: RunnableConfig): Promise<Document[]> {
 *     const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
 *     return this.texts
 *       .filter((text) => words.some((word) => text.includes(word)))
 *       .map((pageContent) => new Document({ pageContent }));
 *   }
 * }
 *
 * const retriever = new KeywordRetriever(['harrison worked at kensho', 'bears like to eat honey']);
 * console.log((await retriever.invoke('Where did harrison work?')).map((doc) => doc.pageContent)); // => ['harrison worked at kensho']
 * ```
 */
export abstract class BaseRetriever extends Runnable<string, Document[]> {
  /** One value, carried by the end event; a root retriever reports it as its output. */
  override get chunkReporting(): ChunkReporting {
    return 'rootOutput';
  }

  override get runType(): RunType {
    return 'retriever';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'BaseRetriever';
  }

  /** Events report the query as `{ query }`, as LangChain's retrievers do. */
  override inputForEvents(input: string): unknown {
    return { query: input };
  }

  /**
   * Finds the documents relevant to `query`.
   *
   * @param query - the query.
   * @param config - the run's config: pass `config.signal` to network calls.
   * @returns the documents, as a Promise or an Observable of one array.
   */
  protected abstract _getRelevantDocuments(
    query: string,
    config: RunnableConfig,
  ): PromiseLike<Document[]> | Observable<Document[]>;

  protected _step(input$: Observable<string>, run: RunContext): Observable<Document[]> {
    return input$.pipe(
      mergeMap((query) => {
        if (typeof query !== 'string') {
          return throwError(
            () =>
              new InvalidArgumentError(
                'query',
                `${run.name} takes a query string, got ${query === null ? 'null' : typeof query}. ` +
                  'Map the input to the question first, e.g. pipe `(input) => input.question` into the retriever.',
              ),
          );
        }
        return inUserScope(run, ({ config, enter }) => {
          const found = enter(() => this._getRelevantDocuments(query, config));
          return isObservable(found) ? found : from(found);
        });
      }),
    );
  }
}
