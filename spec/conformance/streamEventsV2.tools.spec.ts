import { DynamicTool, RunnableLambda, dispatchCustomEvent, tool, type StreamEvent } from 'rxchain';
import { z } from 'zod';
import { FakeRetriever } from './support.js';
import { eventsOf, labels } from '../support/streamEventsV2';

// Ported from langchain-core/src/runnables/tests/runnable_stream_events_v2.test.ts. Events
// are compared as `event:name` labels plus the payloads upstream pins; ids are random there
// and here.

describe('runnable_stream_events_v2.test.ts', () => {
  it('Runnable streamEvents method with simple tools', async () => {
    const parameterless = new DynamicTool({ name: 'parameterless', description: 'A tool', func: async () => 'hello' });
    const events = await eventsOf(parameterless.streamEvents({}, { version: 'v2' }));
    expect(labels(events)).toEqual(['on_tool_start:parameterless', 'on_tool_end:parameterless']);
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
