import {
  ChatPromptTemplate,
  DynamicTool,
  RunnableLambda,
  RunnableMap,
  StringOutputParser,
  type StreamEvent,
} from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { FakeRetriever } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_stream_events.test.ts (v1).

const reverse = (s: string) => s.split('').reverse().join('');
const v1 = { version: 'v1' } as const;

async function eventsOf(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}
const labels = (events: readonly StreamEvent[]) => events.map((e) => `${e.event}:${e.name}`);

describe('runnable_stream_events.test.ts', () => {
  it('Runnable streamEvents method', async () => {
    const chain = RunnableLambda.from(reverse).withConfig({ runName: 'reverse' });
    const events = await eventsOf(chain.streamEvents('hello', v1));
    expect(events.map((e) => [e.event, e.name, e.data.chunk ?? e.data.output])).toEqual([
      ['on_chain_start', 'reverse', undefined],
      ['on_chain_stream', 'reverse', 'olleh'],
      ['on_chain_end', 'reverse', 'olleh'],
    ]);
    expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
  });

  it('Runnable streamEvents method with three runnables', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r
      .withConfig({ runName: '1' })
      .pipe(r.withConfig({ runName: '2' }))
      .pipe(r.withConfig({ runName: '3' }));
    const events = await eventsOf(chain.streamEvents('hello', v1));
    expect(labels(events).filter((l) => l.startsWith('on_chain_end'))).toEqual([
      'on_chain_end:1',
      'on_chain_end:2',
      'on_chain_end:3',
      'on_chain_end:RunnableSequence',
    ]);
    expect(events.at(-1)?.data.output).toBe('olleh');
  });

  it('Runnable streamEvents method with three runnables with backgrounded callbacks set to true', async () => {
    // No callback queue to background here: the same events either way.
    const r = RunnableLambda.from(reverse);
    const chain = r.withConfig({ runName: '1' }).pipe(r.withConfig({ runName: '2' }));
    const events = await eventsOf(chain.streamEvents('hello', v1));
    expect(labels(events)[0]).toBe('on_chain_start:RunnableSequence');
    expect(events.at(-1)?.data.output).toBe('hello');
  });

  it('Runnable streamEvents method with three runnables with filtering', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r
      .withConfig({ runName: '1' })
      .pipe(r.withConfig({ runName: '2', tags: ['my_tag'] }))
      .pipe(r.withConfig({ runName: '3', tags: ['my_tag'] }));
    expect(labels(await eventsOf(chain.streamEvents('hello', v1, { includeNames: ['1'] })))).toEqual([
      'on_chain_start:1',
      'on_chain_stream:1',
      'on_chain_end:1',
    ]);
    expect(
      labels(await eventsOf(chain.streamEvents('hello', v1, { includeTags: ['my_tag'], excludeNames: ['2'] }))),
    ).toEqual(['on_chain_start:3', 'on_chain_stream:3', 'on_chain_end:3']);
  });

  it('Runnable streamEvents method with a runnable map', async () => {
    const chain = RunnableMap.from({ reversed: RunnableLambda.from(reverse), original: (x: string) => x });
    const events = await eventsOf(chain.streamEvents('hello', v1));
    expect(labels(events)[0]).toBe('on_chain_start:RunnableMap');
    expect(events.at(-1)?.data.output).toEqual({ reversed: 'olleh', original: 'hello' });
  });

  it('Runnable streamEvents method with llm', async () => {
    // rxchain's fakes are chat models; v1 reports them as on_llm_* with generation chunks.
    const model = new FakeListChatModel({ responses: ['hey'] });
    const events = await eventsOf(model.streamEvents('hello', v1));
    expect(labels(events)).toEqual([
      'on_llm_start:FakeListChatModel',
      'on_llm_stream:FakeListChatModel',
      'on_llm_stream:FakeListChatModel',
      'on_llm_stream:FakeListChatModel',
      'on_llm_end:FakeListChatModel',
    ]);
    const end = events.at(-1);
    expect(end?.event === 'on_llm_end' && end.data.output.generations[0]?.[0]?.text).toBe('hey');
  });

  it('Runnable streamEvents method with chat model chain', async () => {
    const chain = ChatPromptTemplate.fromTemplate('You are Godzilla\n{question}')
      .pipe(new FakeListChatModel({ responses: ['ROAR'] }))
      .pipe(new StringOutputParser());
    const events = await eventsOf(chain.streamEvents({ question: 'hello' }, v1));
    expect(labels(events).slice(0, 8)).toEqual([
      'on_chain_start:RunnableSequence',
      'on_prompt_start:ChatPromptTemplate',
      'on_prompt_end:ChatPromptTemplate',
      'on_llm_start:FakeListChatModel',
      'on_parser_start:StrOutputParser',
      'on_parser_stream:StrOutputParser',
      'on_chain_stream:RunnableSequence',
      'on_llm_stream:FakeListChatModel',
    ]);
    const first = events[7];
    expect(first?.event === 'on_llm_stream' && typeof first.data.chunk !== 'string' && first.data.chunk.text).toBe('R');
  });

  it('Runnable streamEvents method with simple tools', async () => {
    const parameterless = new DynamicTool({ name: 'parameterless', description: 'A tool', func: async () => 'hello' });
    expect(labels(await eventsOf(parameterless.streamEvents('', v1)))).toEqual([
      'on_tool_start:parameterless',
      'on_tool_stream:parameterless',
      'on_tool_end:parameterless',
    ]);
  });

  it('Runnable streamEvents method with a retriever', async () => {
    const events = await eventsOf(new FakeRetriever().streamEvents('hello', v1));
    expect(labels(events)).toEqual([
      'on_retriever_start:FakeRetriever',
      'on_retriever_stream:FakeRetriever',
      'on_retriever_end:FakeRetriever',
    ]);
  });

  it('Runnable streamEvents method with text/event-stream encoding', async () => {
    const chain = RunnableLambda.from(reverse).withConfig({ runName: 'reverse' });
    const frames: Uint8Array[] = [];
    for await (const frame of chain.streamEvents('hello', { ...v1, encoding: 'text/event-stream', runId: '1234' }))
      frames.push(frame);
    const text = frames.map((f) => new TextDecoder().decode(f));
    expect(text.length).toBe(4);
    expect(text.slice(0, 3).every((t) => t.startsWith('event: data\ndata: ') && t.endsWith('\n\n'))).toBe(true);
    expect(text[3]).toBe('event: end\n\n');
  });
});
