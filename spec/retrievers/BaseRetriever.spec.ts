import { lastValueFrom, Observable, of, toArray } from 'rxjs';
import {
  BaseRetriever,
  Document,
  InvalidArgumentError,
  RunnableLambda,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';

const docs = [
  new Document({ pageContent: 'harrison worked at kensho' }),
  new Document({ pageContent: 'bears like honey' }),
];

/** A retriever returning what `search` returns, recording its calls. */
class FnRetriever extends BaseRetriever {
  readonly calls: { query: string; config: RunnableConfig }[] = [];
  constructor(
    private readonly search: (
      query: string,
      config: RunnableConfig,
    ) => PromiseLike<Document[]> | Observable<Document[]>,
  ) {
    super();
  }
  protected _getRelevantDocuments(
    query: string,
    config: RunnableConfig,
  ): PromiseLike<Document[]> | Observable<Document[]> {
    this.calls.push({ query, config });
    return this.search(query, config);
  }
}

/** Collects the events of a run that fails, and its error. */
function failingEvents(retriever: BaseRetriever, input: unknown): Promise<{ events: StreamEvent[]; error: unknown }> {
  return new Promise((resolve) => {
    const events: StreamEvent[] = [];
    retriever.events$(input as string).subscribe({
      next: (e) => events.push(e),
      error: (error: unknown) => resolve({ events, error }),
      complete: () => resolve({ events, error: undefined }),
    });
  });
}

describe('BaseRetriever', () => {
  it('should turn a query into documents, from a Promise or an Observable', async () => {
    const fromPromise = new FnRetriever(async () => docs);
    const fromObservable = new FnRetriever(() => of(docs));
    expect(await fromPromise.invoke('where?')).toEqual(docs);
    expect(await fromObservable.invoke('where?')).toEqual(docs);
    expect(fromPromise.calls.map((c) => c.query)).toEqual(['where?']);
  });

  it('should stream one chunk: the whole list (the guide)', async () => {
    const chunks: Document[][] = [];
    for await (const chunk of await new FnRetriever(async () => docs).stream('where?')) chunks.push(chunk);
    expect(chunks).toEqual([docs]);
  });

  it('should report retriever runs with the query as { query } and the documents as output', async () => {
    const events = await eventsOf(new FnRetriever(async () => docs), 'where did harrison work?');
    expect(labels(events)).toEqual(['on_retriever_start:BaseRetriever', 'on_retriever_end:BaseRetriever']);
    expect(events[0]?.data).toEqual({ input: { query: 'where did harrison work?' } });
    expect(events[1]?.data).toEqual({ input: { query: 'where did harrison work?' }, output: docs });
  });

  it('should reject input that is not a string with an InvalidArgumentError, without searching', async () => {
    const retriever = new FnRetriever(async () => docs);
    const { events, error } = await failingEvents(retriever, { question: 'where?' });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('query');
    expect((error as Error).message).toMatch(/takes a query string, got object/);
    expect(events.map((e) => e.event)).toEqual(['on_retriever_start', 'on_retriever_error']);
    expect(retriever.calls).toEqual([]);
  });

  it('should deliver errors of the search on the error channel', async () => {
    const throwing = new FnRetriever(() => {
      throw new Error('index offline');
    });
    const rejecting = new FnRetriever(() => Promise.reject(new Error('timeout')));
    const errors: unknown[] = [];
    expect(() => throwing.stream$('q').subscribe({ error: (e: unknown) => errors.push(e) })).not.toThrow();
    expect((errors[0] as Error).message).toBe('index offline');
    const { events, error } = await failingEvents(rejecting, 'q');
    expect((error as Error).message).toBe('timeout');
    expect(events.at(-1)?.event).toBe('on_retriever_error');
  });

  it('should give the search a config linked to the run: nested calls nest', async () => {
    const rerank = RunnableLambda.from(
      function rerank(found: Document[]) {
        return [...found].reverse();
      },
      { name: 'rerank' },
    );
    const retriever = new FnRetriever((_query, config) => rerank.stream$(docs, config));
    const events = await eventsOf(retriever, 'q');
    expect(labels(events)).toEqual([
      'on_retriever_start:BaseRetriever',
      'on_chain_start:rerank',
      'on_chain_stream:rerank',
      'on_chain_end:rerank',
      'on_retriever_end:BaseRetriever',
    ]);
    expect(events[1]?.parent_ids).toEqual([events[0]?.run_id]);
    expect(events.at(-1)?.data.output).toEqual([docs[1], docs[0]]);
  });

  it('should abort the signal it gives the search when the run is unsubscribed', () => {
    const retriever = new FnRetriever(() => new Promise<Document[]>(() => undefined));
    const subscription = retriever.stream$('q').subscribe();
    const signal = retriever.calls[0]?.config.signal;
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
  });

  it('should wait for its whole query and tear its search down when unsubscribed (marble)', () => {
    const queries: string[] = [];
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const search$ = cold('--d|', { d: docs });
      const retriever = new FnRetriever((query) => {
        queries.push(query);
        return search$;
      });
      const query$ = cold('-a-b|', { a: 'where did ', b: 'harrison work?' });
      expectObservable(retriever.stream$(query$)).toBe('------d|', { d: docs });
      expectObservable(retriever.stream$(query$), '^-----!').toBe('------');
      expectSubscriptions(search$.subscriptions).toBe(['----^--!', '----^-!']);
      expectSubscriptions(query$.subscriptions).toBe(['^---!', '^---!']);
    });
    expect(queries).toEqual(['where did harrison work?', 'where did harrison work?']);
  });

  it('should have a stream$ that emits the list once', async () => {
    const chunks = await lastValueFrom(new FnRetriever(async () => docs).stream$('q').pipe(toArray()));
    expect(chunks).toEqual([docs]);
  });
});
