import { Document } from 'rxchain';
import { FakeRetriever } from 'rxchain/testing';

describe('FakeRetriever', () => {
  it('should return foo and bar by default, as a retriever run', async () => {
    const retriever = new FakeRetriever();
    expect(retriever.runType).toBe('retriever');
    expect((await retriever.invoke('q')).map((d) => d.pageContent)).toEqual(['foo', 'bar']);
  });

  it('should return the given output for every query, in a fresh list', async () => {
    const output = [new Document({ pageContent: 'x', metadata: { n: 1 } })];
    const retriever = new FakeRetriever({ output });
    const first = await retriever.invoke('a');
    first.pop();
    expect(await retriever.invoke('b')).toEqual(output);
  });

  it('should report retriever events with the query', async () => {
    const starts: unknown[] = [];
    for await (const event of new FakeRetriever().streamEvents('where?', { version: 'v2' })) {
      if (event.event === 'on_retriever_start') starts.push(event.data.input);
    }
    expect(starts).toEqual([{ query: 'where?' }]);
  });
});
