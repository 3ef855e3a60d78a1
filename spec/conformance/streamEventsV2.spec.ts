import { ChatPromptTemplate, RunnableLambda, RunnableMap, StringOutputParser } from 'rxchain';
import { FakeListChatModel, ScriptedChatModel } from 'rxchain/testing';
import { reverse, eventsOf, labels } from '../support/streamEventsV2';

// Ported from langchain-core/src/runnables/tests/runnable_stream_events_v2.test.ts. Events
// are compared as `event:name` labels plus the payloads upstream pins; ids are random there
// and here.

describe('runnable_stream_events_v2.test.ts', () => {
  it('Runnable streamEvents method', async () => {
    const chain = RunnableLambda.from(reverse).withConfig({ runName: 'reverse' });
    const events = await eventsOf(chain.streamEvents('hello', { version: 'v2' }));
    expect(events.map((e) => [e.event, e.name, e.data, e.tags])).toEqual([
      ['on_chain_start', 'reverse', { input: 'hello' }, []],
      ['on_chain_stream', 'reverse', { chunk: 'olleh' }, []],
      // rxchain's end carries the input too (LangChain v2 leaves it out of the root's end).
      ['on_chain_end', 'reverse', { input: 'hello', output: 'olleh' }, []],
    ]);
  });

  it('Runnable streamEvents does not include tracer-only configurable metadata', async () => {
    const chain = RunnableLambda.from((input: string) => input).withConfig({ runName: 'echo' });
    const events = await eventsOf(
      chain.streamEvents('hello', {
        version: 'v2',
        configurable: { thread_id: 'th-123', temperature: 0.5, api_key: 'x', __secret_key: 'y' },
      }),
    );
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      for (const key of ['thread_id', 'temperature', 'api_key', '__secret_key'])
        expect(event.metadata).not.toHaveProperty(key);
    }
  });

  it('Runnable streamEvents method on a chat model', async () => {
    const model = new FakeListChatModel({ responses: ['abc'] });
    const events = await eventsOf(model.streamEvents('hello', { version: 'v2' }));
    expect(labels(events)).toEqual([
      'on_chat_model_start:FakeListChatModel',
      'on_chat_model_stream:FakeListChatModel',
      'on_chat_model_stream:FakeListChatModel',
      'on_chat_model_stream:FakeListChatModel',
      'on_chat_model_end:FakeListChatModel',
    ]);
    const tokens = events.flatMap((e) => (e.event === 'on_chat_model_stream' ? [e.data.chunk.text] : []));
    expect(tokens).toEqual(['a', 'b', 'c']);
  });

  it('Runnable streamEvents should preserve response_metadata from generationInfo', async () => {
    const model = new FakeListChatModel({ responses: ['ab'] });
    const events = await eventsOf(model.streamEvents('hello', { version: 'v2' }));
    const end = events.find((e) => e.event === 'on_chat_model_end');
    expect(end?.event === 'on_chat_model_end' && end.data.output.text).toBe('ab');
    expect(end?.event === 'on_chat_model_end' && typeof end.data.output.response_metadata).toBe('object');
  });

  it('Runnable streamEvents call nested in another runnable + passed callbacks should still work', async () => {
    const model = new FakeListChatModel({ responses: ['hey'] });
    const outer = RunnableLambda.from(async (input: string, config) => (await model.invoke(input, config)).text);
    const events = await eventsOf(outer.streamEvents('hi', { version: 'v2' }));
    const root = events[0];
    const modelStart = events.find((e) => e.event === 'on_chat_model_start');
    expect(modelStart?.parent_ids).toEqual([root?.run_id]);
    expect(labels(events).at(-1)).toBe('on_chain_end:RunnableLambda');
  });

  it('Runnable streamEvents method with three runnables', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r
      .withConfig({ runName: '1' })
      .pipe(r.withConfig({ runName: '2' }))
      .pipe(r.withConfig({ runName: '3' }));
    const events = await eventsOf(chain.streamEvents('hello', { version: 'v2' }));
    expect(labels(events)).toEqual([
      'on_chain_start:RunnableSequence',
      'on_chain_start:1',
      'on_chain_stream:1',
      'on_chain_start:2',
      'on_chain_end:1',
      'on_chain_stream:2',
      'on_chain_start:3',
      'on_chain_end:2',
      'on_chain_stream:3',
      'on_chain_stream:RunnableSequence',
      'on_chain_end:3',
      'on_chain_end:RunnableSequence',
    ]);
    expect(events.find((e) => e.name === '2')?.tags).toEqual(['seq:step:2']);
  });

  it('Runnable streamEvents method with three runnables with backgrounded callbacks set to true', async () => {
    // rxchain has no callback queue to background: the events are the same either way.
    const r = RunnableLambda.from(reverse);
    const chain = r.withConfig({ runName: '1' }).pipe(r.withConfig({ runName: '2' }));
    const events = await eventsOf(chain.streamEvents('hello', { version: 'v2' }));
    expect(labels(events).filter((l) => l.startsWith('on_chain_start'))).toEqual([
      'on_chain_start:RunnableSequence',
      'on_chain_start:1',
      'on_chain_start:2',
    ]);
  });

  it('Runnable streamEvents method with three runnables with filtering', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r
      .withConfig({ runName: '1' })
      .pipe(r.withConfig({ runName: '2', tags: ['my_tag'] }))
      .pipe(r.withConfig({ runName: '3', tags: ['my_tag'] }));
    const byName = await eventsOf(chain.streamEvents('hello', { version: 'v2' }, { includeNames: ['1'] }));
    expect(byName.map((e) => [e.event, e.name, e.tags])).toEqual([
      ['on_chain_start', '1', ['seq:step:1']],
      ['on_chain_stream', '1', ['seq:step:1']],
      ['on_chain_end', '1', ['seq:step:1']],
    ]);
    const byTag = await eventsOf(
      chain.streamEvents('hello', { version: 'v2' }, { includeTags: ['my_tag'], excludeNames: ['2'] }),
    );
    expect(labels(byTag)).toEqual(['on_chain_start:3', 'on_chain_stream:3', 'on_chain_end:3']);
  });

  it('Runnable streamEvents method with a runnable map', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = RunnableMap.from({ reversed: r.withConfig({ runName: 'reversed' }), original: (x: string) => x });
    const events = await eventsOf(chain.streamEvents('hello', { version: 'v2' }));
    expect(labels(events)[0]).toBe('on_chain_start:RunnableMap');
    expect(events.find((e) => e.name === 'reversed')?.tags).toEqual(['map:key:reversed']);
    expect(events.at(-1)?.data.output).toEqual({ reversed: 'olleh', original: 'hello' });
  });

  it('Runnable streamEvents method with chat model chain', async () => {
    const chain = ChatPromptTemplate.fromTemplate('You are Godzilla\n{question}')
      .pipe(new FakeListChatModel({ responses: ['ROAR'] }))
      .pipe(new StringOutputParser());
    const events = await eventsOf(chain.streamEvents({ question: 'hello' }, { version: 'v2' }));
    expect(labels(events).slice(0, 8)).toEqual([
      'on_chain_start:RunnableSequence',
      'on_prompt_start:ChatPromptTemplate',
      'on_prompt_end:ChatPromptTemplate',
      'on_chat_model_start:FakeListChatModel',
      'on_parser_start:StrOutputParser',
      'on_parser_stream:StrOutputParser',
      'on_chain_stream:RunnableSequence',
      'on_chat_model_stream:FakeListChatModel',
    ]);
    expect(events.filter((e) => e.event === 'on_parser_stream').map((e) => e.data.chunk)).toEqual(['R', 'O', 'A', 'R']);
  });

  it('Chat model that supports streaming, but is invoked, should still emit on_stream events', async () => {
    const model = new FakeListChatModel({ responses: ['abc'] });
    const chain = RunnableLambda.from(
      async function invoker(input: string, config) {
        return (await model.invoke(input, config)).text;
      },
      { name: 'invoker' },
    );
    const events = await eventsOf(chain.streamEvents('hi', { version: 'v2' }));
    expect(events.filter((e) => e.event === 'on_chat_model_stream').length).toBe(3);
  });

  it("Chat model that doesn't support streaming, but is invoked, should emit one on_stream event", async () => {
    const model = new ScriptedChatModel({ responses: ['whole reply'], split: 'none' });
    const chain = RunnableLambda.from(
      async function invoker(input: string, config) {
        return (await model.invoke(input, config)).text;
      },
      { name: 'invoker' },
    );
    const events = await eventsOf(chain.streamEvents('hi', { version: 'v2' }));
    const streams = events.filter((e) => e.event === 'on_chat_model_stream');
    expect(streams.map((e) => e.event === 'on_chat_model_stream' && e.data.chunk.text)).toEqual(['whole reply']);
  });
});
