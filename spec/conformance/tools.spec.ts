import { DynamicStructuredTool, ToolInputError, ToolMessage, tool, type ToolCall } from 'rxchain';
import { z } from 'zod';
import { collect } from './support.js';

// Ported from langchain-core/src/tools/tests/tools.test.ts (langchainjs 62fc484,
// @langchain/core 1.x). Not ported: the responseFormat "content_and_artifact" cases,
// isStructuredToolParams, tool extras, DynamicTool metadata on the ToolMessage, and the
// generator-tool cases (rxchain's tools have none of these options); zod 3 is not taken.

const weatherCall = {
  id: 'testid',
  args: { location: 'San Francisco' },
  name: 'weather',
  type: 'tool_call',
} as const satisfies ToolCall;

const weatherTool = <R>(fn: () => R) =>
  tool(fn, { name: 'weather', description: 'Get the weather', schema: z.object({ location: z.string() }) });

describe('tools.test.ts', () => {
  it('ToolMessage content coerces to empty string when tool returns undefined', async () => {
    const result = await weatherTool(() => undefined).invoke(weatherCall);
    expect(result).toBeInstanceOf(ToolMessage);
    expect(result).toHaveProperty('content', '');
  });

  it('ToolMessage content is JSON-stringified when a tool returns an array of plain objects', async () => {
    const forecast = [
      { day: 'Mon', highF: 64, condition: 'Foggy' },
      { day: 'Tue', highF: 67, condition: 'Sunny' },
    ];
    const result = await weatherTool(() => forecast).invoke(weatherCall);
    expect(result).toBeInstanceOf(ToolMessage);
    expect(result).toHaveProperty('content', JSON.stringify(forecast));
  });

  it('ToolMessage content passes an array of content blocks through unchanged', async () => {
    const blocks = [
      { type: 'text', text: 'Sunny' },
      { type: 'image_url', image_url: { url: 'https://example.com/sf.png' } },
    ];
    const result = await weatherTool(() => blocks).invoke(weatherCall);
    expect(result).toBeInstanceOf(ToolMessage);
    expect(result).toHaveProperty('content', blocks);
  });

  it('Does not double wrap a returned tool message even if a tool call with id is passed in', async () => {
    const result = await weatherTool(
      () => new ToolMessage({ tool_call_id: 'not_original', content: 'bar', name: 'baz' }),
    ).invoke(weatherCall);
    expect(result).toBeInstanceOf(ToolMessage);
    expect(result).toMatchObject({ tool_call_id: 'not_original', content: 'bar', name: 'baz' });
  });

  it('Tool declared with JSON schema', async () => {
    const weatherSchema = {
      type: 'object',
      properties: { location: { type: 'string', description: 'A place' } },
      required: ['location'],
    } as const;
    let toolFunctionCalls = 0;
    const toolFunctionWeatherTool = tool(
      (input) => {
        toolFunctionCalls += 1;
        expect(input).toEqual({ location: expect.any(String) });
        return 'Sunny';
      },
      { name: 'weather', description: 'get the weather', schema: weatherSchema },
    );
    expect(toolFunctionWeatherTool).toBeInstanceOf(DynamicStructuredTool);
    await expect(toolFunctionWeatherTool.invoke({ somethingSilly: true })).rejects.toThrow(ToolInputError);
    expect(toolFunctionCalls).toBe(0);
    await expect(toolFunctionWeatherTool.invoke({ location: 'San Francisco' })).resolves.toBe('Sunny');
    expect(toolFunctionCalls).toBe(1);
  });

  it('Tool declared with zod v4 schema', async () => {
    const tool4 = weatherTool(() => 'Sunny');
    expect(await tool4.invoke({ location: 'San Francisco' })).toBe('Sunny');
    // @ts-expect-error Invalid argument
    await expect(tool4.invoke({ somethingSilly: true })).rejects.toThrow(ToolInputError);
  });

  it('Tool input typing is enforced', async () => {
    const schema = z.object({ location: z.string() });
    const weatherTool1 = tool(() => 'Sunny', { name: 'weather', description: 'get the weather', schema });
    const weatherTool2 = new DynamicStructuredTool({
      name: 'weather',
      description: 'get the weather',
      func: async () => 'Sunny',
      schema,
    });
    // @ts-expect-error Invalid argument
    await expect(weatherTool1.invoke({ badval: 'someval' })).rejects.toThrow();
    expect(await weatherTool1.invoke({ location: 'somewhere' })).toBe('Sunny');
    // @ts-expect-error Invalid argument
    await expect(weatherTool2.invoke({ badval: 'someval' })).rejects.toThrow();
    expect(await weatherTool2.invoke({ location: 'someval' })).toBe('Sunny');
  });

  it('Tool can throw detailed errors', async () => {
    const stringTool = tool((input) => JSON.stringify(input), {
      name: 'string_tool',
      description: "A tool that appends 'a' to the input string",
      schema: z.object({ location: z.string() }),
    });
    // @ts-expect-error Testing parsing errors
    const error: unknown = await stringTool.invoke({ location: 8 }).catch((e: unknown) => e);
    // rxchain's message names the tool and each issue by path (LangChain prints zod's issue list).
    expect(error).toBeInstanceOf(ToolInputError);
    expect(String(error)).toMatch(/string_tool/);
    expect(String(error)).toMatch(/location/);
  });

  it('Non generator tool still works correctly', async () => {
    const testTool = tool(async (input) => `Weather in ${input.city}: 72F`, {
      name: 'weather',
      schema: z.object({ city: z.string() }),
      description: 'Get weather',
    });
    const events = await collect(testTool.streamEvents({ city: 'SF' }, { version: 'v2' }));
    expect(await testTool.invoke({ city: 'SF' })).toBe('Weather in SF: 72F');
    expect(events.filter((event) => event.event === 'on_custom_event')).toHaveLength(0);
  });

  it('handleToolStart receives toolCallId when invoked with ToolCall', async () => {
    const testTool = tool((input) => String(input.x), {
      name: 'adder',
      schema: z.object({ x: z.number() }),
      description: 'Echo x',
    });
    const toolCall: ToolCall = { id: 'call_abc123', name: 'adder', args: { x: 42 }, type: 'tool_call' };
    const events = await collect(testTool.streamEvents(toolCall, { version: 'v2' }));
    const start = events.find((event) => event.event === 'on_tool_start');
    expect(JSON.stringify(start?.data)).toContain('call_abc123');
  });
});
