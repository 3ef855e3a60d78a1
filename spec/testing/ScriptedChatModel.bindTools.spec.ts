import { z } from 'zod';
import { AIMessage, DynamicTool, tool, toToolDefinition, type ToolDefinition } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { eventsOf } from '../support/streamEvents';

const add = tool(({ a, b }) => a + b, {
  name: 'add',
  description: 'Adds two numbers',
  schema: z.object({ a: z.number(), b: z.number() }),
});
const shout = new DynamicTool({ name: 'shout', description: 'Upper-cases', func: (text) => text.toUpperCase() });
const ready: ToolDefinition = {
  type: 'function',
  function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object', properties: {} } },
};

describe('ScriptedChatModel with bound tools', () => {
  it('should receive the tools as JSON Schema definitions in every call, and the tool choice', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'] });
    const bound = model.bindTools([add, shout, ready], { toolChoice: 'required' });
    await bound.invoke('first');
    await bound.invoke('second');
    expect(model.calls).toHaveLength(2);
    for (const call of model.calls) {
      expect(call.options.tools).toEqual([toToolDefinition(add), toToolDefinition(shout), ready]);
      expect(call.options.toolChoice).toBe('required');
    }
    expect(model.calls[0]?.options.tools?.[0]).toEqual({
      type: 'function',
      function: {
        name: 'add',
        description: 'Adds two numbers',
        parameters: {
          type: 'object',
          properties: { a: { type: 'number' }, b: { type: 'number' } },
          required: ['a', 'b'],
          additionalProperties: false,
        },
      },
    });
  });

  it('should send no tools when none are bound', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'] });
    await model.invoke('hi');
    expect(model.calls[0]?.options).toEqual({});
  });

  it('should join the tools of later bindings and let a later tool choice win', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'] });
    const twice = model
      .bindTools([add], { toolChoice: 'auto' })
      .bindTools([shout], { toolChoice: 'shout' })
      .withCallOptions({ stop: ['\n'] });
    await twice.invoke('hi');
    const options = model.calls[0]?.options;
    expect(options?.tools?.map((t) => t.function.name)).toEqual(['add', 'shout']);
    expect(options?.toolChoice).toBe('shout');
    expect(options?.stop).toEqual(['\n']);
  });

  it('should keep the earlier tool choice when a later binding gives none', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'] });
    await model.bindTools([add], { toolChoice: 'add' }).bindTools([shout]).invoke('hi');
    expect(model.calls[0]?.options.toolChoice).toBe('add');
  });

  it('should leave the unbound model and other bindings untouched', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'] });
    const withAdd = model.bindTools([add]);
    withAdd.bindTools([shout]);
    await withAdd.invoke('a');
    await model.invoke('b');
    expect(model.calls.map((c) => c.options.tools?.map((t) => t.function.name))).toEqual([['add'], undefined]);
  });

  it('should reply with tool calls that aggregate into the returned message', async () => {
    const model = new ScriptedChatModel({
      responses: [new AIMessage({ content: '', tool_calls: [{ name: 'add', args: { a: 1, b: 2 }, id: 'call_1' }] })],
    });
    const reply = await model.bindTools([add]).invoke('1 + 2?');
    expect(reply.tool_calls).toEqual([{ name: 'add', args: { a: 1, b: 2 }, id: 'call_1', type: 'tool_call' }]);
  });

  it('should report as the model it wraps', async () => {
    const model = new ScriptedChatModel({ responses: ['ok'], name: 'scripted' });
    const events = await eventsOf(model.bindTools([add]), 'hi');
    expect(events.map((e) => `${e.event}:${e.name}`)).toEqual([
      'on_chat_model_start:scripted',
      'on_chat_model_stream:scripted',
      'on_chat_model_end:scripted',
    ]);
  });
});
