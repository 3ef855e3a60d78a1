import { z } from 'zod';
import { AIMessage, HumanMessage, ToolMessage, tool, type BaseMessage, type StreamEvent } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { agentLoop } from '../support/agentLoop';
import { eventsOf } from '../support/streamEvents';

const multiply = tool(({ a, b }) => a * b, {
  name: 'multiply',
  description: 'Multiplies two numbers',
  schema: z.object({ a: z.number(), b: z.number() }),
});

/** Asks for the tool until a tool result is in the conversation, then answers with it. */
function scriptedModel(): ScriptedChatModel {
  return new ScriptedChatModel({
    responses: (messages) => {
      const result = messages.find((m): m is ToolMessage => m instanceof ToolMessage);
      if (result !== undefined) return `6 times 7 is ${result.text}.`;
      return new AIMessage({
        content: 'Let me compute that.',
        tool_calls: [{ name: 'multiply', args: { a: 6, b: 7 }, id: 'call_1' }],
      });
    },
  });
}

describe('a tool-calling round trip on the scripted model', () => {
  it('should call the model, run the tool with its call, and send the ToolMessage back', async () => {
    const model = scriptedModel();
    const withTools = model.bindTools([multiply]);
    const messages: BaseMessage[] = [new HumanMessage('What is 6 times 7?')];

    const first = await withTools.invoke(messages);
    expect(first.text).toBe('Let me compute that.');
    expect(first.tool_calls).toEqual([{ name: 'multiply', args: { a: 6, b: 7 }, id: 'call_1', type: 'tool_call' }]);
    messages.push(first);
    for (const call of first.tool_calls) messages.push(await multiply.invoke(call));

    const final = await withTools.invoke(messages);
    expect(final.text).toBe('6 times 7 is 42.');
    expect(final.tool_calls).toEqual([]);

    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool']);
    expect(model.calls[1]?.messages[2]).toMatchObject({ content: '42', tool_call_id: 'call_1', name: 'multiply' });
    expect(model.calls.every((c) => c.options.tools?.[0]?.function.name === 'multiply')).toBe(true);
  });

  it('should report the model runs, the tool run and their nesting when the loop is a runnable', async () => {
    const model = scriptedModel();
    const withTools = model.bindTools([multiply]);
    const agent = agentLoop(withTools, multiply);
    const events: StreamEvent[] = await eventsOf(agent, 'What is 6 times 7?');
    const starts = events.filter((e) => e.event.endsWith('_start')).map((e) => `${e.event}:${e.name}`);
    expect(starts).toEqual([
      'on_chain_start:agent',
      'on_chat_model_start:ScriptedChatModel',
      'on_tool_start:multiply',
      'on_chat_model_start:ScriptedChatModel',
    ]);
    const agentId = events[0]?.run_id;
    for (const e of events.slice(1, -2)) expect(e.parent_ids).toEqual([agentId]);
    const toolEnd = events.find((e) => e.event === 'on_tool_end');
    expect(toolEnd?.data.input).toEqual({ name: 'multiply', args: { a: 6, b: 7 }, id: 'call_1', type: 'tool_call' });
    expect((toolEnd?.data.output as ToolMessage).content).toBe('42');
    expect(events.at(-1)).toMatchObject({ event: 'on_chain_end', name: 'agent', data: { output: '6 times 7 is 42.' } });
  });
});
