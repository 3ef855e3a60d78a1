import { lastValueFrom, toArray } from 'rxjs';
import { DynamicTool, ToolMessage, tool, toToolDefinition, type StreamEvent } from 'rxchain';

describe('tools without a schema of their own', () => {
  describe('tool(fn, { name, description })', () => {
    const seen: unknown[] = [];
    const echo = tool(
      (input) => {
        seen.push(input);
        return `got ${JSON.stringify(input)}`;
      },
      { name: 'echo', description: 'Echoes its input' },
    );

    beforeEach(() => {
      seen.length = 0;
    });

    it('should pass a string input through to the function', async () => {
      await expect(echo.invoke('hi')).resolves.toBe('got "hi"');
      expect(seen).toEqual(['hi']);
    });

    it('should pass an object input through unvalidated, as it is', async () => {
      const input = { a: 1, nested: { b: [2] } };
      await echo.invoke(input);
      expect(seen[0]).toBe(input);
    });

    it("should give a tool call's input string to the function and answer with a ToolMessage", async () => {
      const reply = await echo.invoke({ name: 'echo', args: { input: 'x' }, id: 'c1', type: 'tool_call' });
      expect(reply).toBeInstanceOf(ToolMessage);
      expect(reply.content).toBe('got "x"');
      expect(seen).toEqual(['x']);
    });

    it('should tell models it takes one string, { input }', () => {
      const { parameters } = toToolDefinition(echo).function;
      expect(parameters['type']).toBe('object');
      expect(Object.keys(parameters['properties'] as object)).toEqual(['input']);
    });

    it('should run as a tool run named after the tool', async () => {
      const events: StreamEvent[] = await lastValueFrom(echo.events$('hi').pipe(toArray()));
      expect(events[0]?.event).toBe('on_tool_start');
      expect(events.every((e) => e.name === 'echo')).toBe(true);
      expect(events.at(-1)?.event).toBe('on_tool_end');
      expect(events.at(-1)?.data.output).toBe('got "hi"');
    });
  });

  describe('DynamicTool', () => {
    const length = new DynamicTool({ name: 'length', description: 'Counts characters', func: (s) => s.length });

    it('should treat a missing input as the empty string', async () => {
      const untyped = length as unknown as { invoke(input?: unknown): Promise<number> };
      await expect(untyped.invoke()).resolves.toBe(0);
      await expect(untyped.invoke(null)).resolves.toBe(0);
      await expect(length.invoke({} as never)).resolves.toBe(0);
    });

    it('should treat a tool call without args.input as the empty string', async () => {
      const reply = await length.invoke({ name: 'length', args: {}, id: 'c1', type: 'tool_call' });
      expect(reply.content).toBe('0');
    });

    it('should still take the string itself and { input }', async () => {
      await expect(length.invoke('abc')).resolves.toBe(3);
      await expect(length.invoke({ input: 'ab' })).resolves.toBe(2);
    });
  });
});
