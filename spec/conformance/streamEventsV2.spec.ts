import {
  ChatPromptTemplate,
  DynamicTool,
  RunnableLambda,
  RunnableMap,
  StringOutputParser,
  dispatchCustomEvent,
  tool,
  type StreamEvent,
} from 'rxchain';
import { FakeListChatModel, ScriptedChatModel } from 'rxchain/testing';
import { z } from 'zod';
import { FakeRetriever } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_stream_events_v2.test.ts. Events
// are compared as `event:name` labels plus the payloads upstream pins; ids are random there
// and here.

const reverse = (s: string) => s.split('').reverse().join('');

async function eventsOf(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}
const labels = (events: readonly StreamEvent[]) => events.map((e) => `${e.event}:${e.name}`);

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
    const outer = RunnableLambda.from(async function outer(input: string, config) {
      return (await model.invoke(input, config)).text;
    });
    const events = await eventsOf(outer.streamEvents('hi', { version: 'v2' }));
    const root = events[0];
    const modelStart = events.find((e) => e.event === 'on_chat_model_start');
    expect(modelStart?.parent_ids).toEqual([root?.run_id]);
    expect(labels(events).at(-1)).toBe('on_chain_end:outer');
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
      'on_chain_end:1',
      'on_chain_start:2',
      'on_chain_stream:2',
      'on_chain_end:2',
      'on_chain_start:3',
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
    expect(labels(events).slice(0, 6)).toEqual([
      'on_chain_start:RunnableSequence',
      'on_prompt_start:ChatPromptTemplate',
      'on_prompt_end:ChatPromptTemplate',
      'on_chat_model_start:FakeListChatModel',
      'on_parser_start:StrOutputParser',
      'on_chat_model_stream:FakeListChatModel',
    ]);
    expect(events.filter((e) => e.event === 'on_parser_stream').map((e) => e.data.chunk)).toEqual(['R', 'O', 'A', 'R']);
  });

  it('Chat model that supports streaming, but is invoked, should still emit on_stream events', async () => {
    const model = new FakeListChatModel({ responses: ['abc'] });
    const chain = RunnableLambda.from(async function invoker(input: string, config) {
      return (await model.invoke(input, config)).text;
    });
    const events = await eventsOf(chain.streamEvents('hi', { version: 'v2' }));
    expect(events.filter((e) => e.event === 'on_chat_model_stream').length).toBe(3);
  });

  it("Chat model that doesn't support streaming, but is invoked, should emit one on_stream event", async () => {
    const model = new ScriptedChatModel({ responses: ['whole reply'], split: 'none' });
    const chain = RunnableLambda.from(async function invoker(input: string, config) {
      return (await model.invoke(input, config)).text;
    });
    const events = await eventsOf(chain.streamEvents('hi', { version: 'v2' }));
    const streams = events.filter((e) => e.event === 'on_chat_model_stream');
    expect(streams.map((e) => e.event === 'on_chat_model_stream' && e.data.chunk.text)).toEqual(['whole reply']);
  });

  it('Runnable streamEvents method with simple tools', async () => {
    const parameterless = new DynamicTool({ name: 'parameterless', description: 'A tool', func: async () => 'hello' });
    const events = await eventsOf(parameterless.streamEvents({}, { version: 'v2' }));
    // By design a tool reports one on_tool_stream (LangChain v2: start and end only).
    expect(labels(events)).toEqual([
      'on_tool_start:parameterless',
      'on_tool_stream:parameterless',
      'on_tool_end:parameterless',
    ]);
    expect(events.at(-1)?.data.output).toBe('hello');
  });

  it('Runnable methods with a custom event', async () => {
    const lambda = RunnableLambda.from(async (params: { x: number; y: string }, config) => {
      dispatchCustomEvent('testEvent', { someval: 'test' }, config);
      dispatchCustomEvent('testEvent', { someval: 'test2' }, config);
      return JSON.stringify(params);
    });
    expect(await lambda.invoke({ x: 1, y: '2' })).toBe(JSON.stringify({ x: 1, y: '2' }));
    const events = await eventsOf(lambda.streamEvents({ x: 1, y: '2' }, { version: 'v2' }));
    expect(events.map((e) => [e.event, e.name])).toEqual([
      ['on_chain_start', 'RunnableLambda'],
      ['on_custom_event', 'testEvent'],
      ['on_custom_event', 'testEvent'],
      ['on_chain_stream', 'RunnableLambda'],
      ['on_chain_end', 'RunnableLambda'],
    ]);
    expect(events[1]?.data).toEqual({ someval: 'test' });
    expect(events[1]?.run_id).toBe(events[0]?.run_id);
  });

  it('Custom event inside a custom tool', async () => {
    const custom = tool(
      async (params: { x: number }, config) => {
        dispatchCustomEvent('testEvent', { someval: 'test' }, config);
        return params.x * 2;
      },
      { name: 'custom', description: 'doubles', schema: z.object({ x: z.number() }) },
    );
    const events = await eventsOf(custom.streamEvents({ x: 2 }, { version: 'v2' }));
    const customEvent = events.find((e) => e.event === 'on_custom_event');
    expect(customEvent?.data).toEqual({ someval: 'test' });
    expect(customEvent?.run_id).toBe(events[0]?.run_id);
  });

  it('Runnable streamEvents method with tools that return objects', async () => {
    const objectTool = tool(async () => ({ result: 42 }), { name: 'object_tool', description: 'objects' });
    const events = await eventsOf(objectTool.streamEvents({}, { version: 'v2' }));
    expect(events.at(-1)?.event).toBe('on_tool_end');
    expect(events.at(-1)?.data.output).toEqual({ result: 42 });
  });

  it('Runnable streamEvents method with a retriever', async () => {
    const events = await eventsOf(new FakeRetriever().streamEvents('hello', { version: 'v2' }));
    const start = events[0];
    expect(start?.event === 'on_retriever_start' && start.data.input).toEqual({ query: 'hello' });
    const end = events.at(-1);
    expect(end?.event === 'on_retriever_end' && end.data.output.map((d) => d.pageContent)).toEqual(['foo', 'bar']);
  });

  it('Runnable streamEvents method with text/event-stream encoding', async () => {
    const chain = RunnableLambda.from(reverse).withConfig({ runName: 'reverse' });
    const frames: Uint8Array[] = [];
    for await (const frame of chain.streamEvents('hello', {
      version: 'v2',
      encoding: 'text/event-stream',
      runId: '1234',
    }))
      frames.push(frame);
    const decoder = new TextDecoder();
    expect(frames.length).toBe(4);
    const payloads = frames
      .slice(0, 3)
      .map((f) => JSON.parse(decoder.decode(f).split('event: data\ndata: ')[1] ?? 'null'));
    expect(payloads.map((p: StreamEvent) => [p.event, p.run_id])).toEqual([
      ['on_chain_start', '1234'],
      ['on_chain_stream', '1234'],
      ['on_chain_end', '1234'],
    ]);
    expect(decoder.decode(frames[3])).toBe('event: end\n\n');
  });

  it('Runnable streamEvents method should respect passed signal', async () => {
    const r = RunnableLambda.from(reverse);
    const chain = r.withConfig({ runName: '1' }).pipe(r.withConfig({ runName: '2' }));
    const controller = new AbortController();
    const read = (async () => {
      for await (const _ of chain.streamEvents('hello', { version: 'v2', signal: controller.signal }))
        controller.abort();
    })();
    await expect(read).rejects.toThrow();
  });

  it('Runnable streamEvents v2 should respect timeout option', async () => {
    const slow = RunnableLambda.from((_: string) => new Promise<string>(() => undefined));
    const read = (async () => {
      for await (const _ of slow.streamEvents('hello', { version: 'v2', timeout: 50 })) void _;
    })();
    await expect(read).rejects.toThrow(/timed out|timeout/i);
  });

  it('streamEvents method handles errors', async () => {
    const model = new FakeListChatModel({ responses: ['abc'] });
    let caught: unknown;
    try {
      for await (const _ of model.streamEvents('Hello!', { version: 'v2' })) throw new Error('should catch this error');
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('should catch this error');
  });

  it('Runnable streamEvents method emits on_tool_error for failing tools', async () => {
    const failing = new DynamicTool({
      name: 'failing_tool',
      description: 'A tool that always fails',
      func: async () => {
        throw new Error('Tool execution failed!');
      },
    });
    const events: StreamEvent[] = [];
    let caught: unknown;
    try {
      for await (const event of failing.streamEvents('', { version: 'v2' })) events.push(event);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toContain('Tool execution failed!');
    const errorEvent = events.find((e) => e.event === 'on_tool_error');
    expect(errorEvent?.name).toBe('failing_tool');
    expect(JSON.parse(JSON.stringify(errorEvent)).data.error.message).toContain('Tool execution failed!');
  });
});
