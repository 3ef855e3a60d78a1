import { RunnableLambda, RunnableSequence } from 'rxchain';

const step = (name: string) => RunnableLambda.from((x: string) => `${x}${name}`, { name });

async function stepTags(chain: RunnableSequence<string, string>): Promise<Record<string, readonly string[]>> {
  const tags: Record<string, readonly string[]> = {};
  for await (const event of chain.streamEvents('', { version: 'v2' })) {
    if (event.event === 'on_chain_start') tags[event.name] = event.tags ?? [];
  }
  return tags;
}

describe('RunnableSequence omitSequenceTags', () => {
  it('should tag steps seq:step:N by default', async () => {
    const tags = await stepTags(RunnableSequence.from([step('a'), step('b')]));
    expect([tags['a'], tags['b']]).toEqual([['seq:step:1'], ['seq:step:2']]);
  });

  it('should leave the steps untagged with omitSequenceTags, output unchanged', async () => {
    const chain = RunnableSequence.from([step('a'), step('b')], { omitSequenceTags: true });
    expect(chain.omitSequenceTags).toBe(true);
    expect(await chain.invoke('>')).toBe('>ab');
    const tags = await stepTags(chain);
    expect([tags['a'], tags['b']]).toEqual([[], []]);
  });

  it('should keep the option when a step is piped on, and not be flattened into an outer sequence', async () => {
    const inner = RunnableSequence.from([step('a'), step('b')], { omitSequenceTags: true });
    const longer = inner.pipe(step('c')) as RunnableSequence<string, string>;
    expect(longer.omitSequenceTags).toBe(true);
    expect((await stepTags(longer))['c']).toEqual([]);
    const outer = RunnableSequence.from([step('z'), inner]);
    expect(outer.steps).toHaveLength(2);
    expect(await outer.invoke('')).toBe('zab');
  });
});
