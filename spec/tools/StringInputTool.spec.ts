import { RunnableLambda, StructuredTool, Tool, ToolInputError, ToolMessage, type RunnableConfig } from 'rxchain';

class Reverser extends Tool {
  name = 'reverser';
  description = 'Reverses a text';
  async _call(input: string): Promise<string> {
    return Array.from(input).reverse().join('');
  }
}

describe('Tool', () => {
  it('should be a string-input StructuredTool named by its subclass fields', () => {
    const tool = new Reverser();
    expect(tool).toBeInstanceOf(StructuredTool);
    expect([tool.getName(), tool.description, tool.runType]).toEqual(['reverser', 'Reverses a text', 'tool']);
  });

  it('should take the string, { input }, or nothing', async () => {
    const tool = new Reverser();
    expect(await tool.invoke('abc')).toBe('cba');
    expect(await tool.invoke({ input: 'xy' })).toBe('yx');
    expect(await tool.invoke({})).toBe('');
  });

  it('should answer a tool call with a ToolMessage', async () => {
    const reply = await new Reverser().invoke({ name: 'reverser', args: { input: 'ab' }, id: 'c1', type: 'tool_call' });
    expect(reply).toBeInstanceOf(ToolMessage);
    expect([reply.content, reply.tool_call_id, reply.name]).toEqual(['ba', 'c1', 'reverser']);
  });

  it('should fail with a ToolInputError on arguments that are not a string', async () => {
    await expect(new Reverser().invoke({ input: 3 } as never)).rejects.toThrow(ToolInputError);
  });

  it('should take returnDirect from its constructor', () => {
    expect(new Reverser().returnDirect).toBe(false);
    expect(new Reverser({ returnDirect: true }).returnDirect).toBe(true);
  });

  it('should give _call the run config, so nested runs are its children', async () => {
    class Nesting extends Tool {
      name = 'nesting';
      description = 'Calls a lambda';
      async _call(input: string, _runManager?: undefined, config?: RunnableConfig): Promise<string> {
        return RunnableLambda.from(
          function inner(x: string) {
            return x.toUpperCase();
          },
          { name: 'inner' },
        ).invoke(input, config);
      }
    }
    const parents: Record<string, number> = {};
    for await (const event of new Nesting().streamEvents('hi', { version: 'v2' })) {
      if (event.event.endsWith('_start')) parents[event.name] = event.parent_ids.length;
    }
    expect(parents).toEqual({ nesting: 0, inner: 1 });
  });

  it('should report tool events', async () => {
    const kinds: string[] = [];
    for await (const event of new Reverser().streamEvents('ab', { version: 'v2' })) kinds.push(event.event);
    expect(kinds[0]).toBe('on_tool_start');
    expect(kinds.at(-1)).toBe('on_tool_end');
  });
});
