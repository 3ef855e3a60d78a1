import {
  DynamicTool,
  StructuredTool,
  ToolInputError,
  ToolMessage,
  toToolDefinition,
  type RunnableConfig,
} from 'rxchain';
import { eventsOf, labels } from '../support/streamEvents';

function shout(seen: unknown[] = []): DynamicTool {
  return new DynamicTool({
    name: 'shout',
    description: 'Upper-cases a text',
    func: async (text: string, config: RunnableConfig) => {
      seen.push({ text, tags: config.tags });
      return text.toUpperCase();
    },
  });
}

describe('DynamicTool', () => {
  it('should be a StructuredTool named as given', () => {
    const tool = shout();
    expect(tool).toBeInstanceOf(StructuredTool);
    expect(tool.getName()).toBe('shout');
    expect(tool.description).toBe('Upper-cases a text');
  });

  it('should take the string itself, or { input }', async () => {
    const seen: unknown[] = [];
    const tool = shout(seen);
    expect(await tool.invoke('hello')).toBe('HELLO');
    expect(await tool.invoke({ input: 'there' }, { tags: ['t'] })).toBe('THERE');
    expect(seen).toEqual([
      { text: 'hello', tags: [] },
      { text: 'there', tags: ['t'] },
    ]);
  });

  it('should answer a tool call whose args are { input } with a ToolMessage', async () => {
    const message = await shout().invoke({ name: 'shout', args: { input: 'hi' }, id: 'c1', type: 'tool_call' });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ content: 'HI', tool_call_id: 'c1', name: 'shout' });
  });

  it('should show models one string argument named input', () => {
    expect(toToolDefinition(shout()).function.parameters).toMatchObject({
      type: 'object',
      properties: { input: { type: 'string' } },
      required: ['input'],
    });
  });

  it('should reject input that is not a string with a ToolInputError', async () => {
    const seen: unknown[] = [];
    const error = await shout(seen)
      .invoke(42 as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInputError);
    expect((error as ToolInputError).toolName).toBe('shout');
    expect(seen).toEqual([]);
  });

  it('should report its runs as tool runs with the string as input', async () => {
    const events = await eventsOf(shout(), 'hey');
    expect(labels(events)).toEqual(['on_tool_start:shout', 'on_tool_end:shout']);
    expect(events[0]?.data).toEqual({ input: 'hey' });
    expect(events[1]?.data.output).toBe('HEY');
  });
});
