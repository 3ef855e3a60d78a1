import { z } from 'zod';
import { DynamicStructuredTool, StructuredTool, ToolInputError, ToolMessage, type RunnableConfig } from 'rxchain';

describe('DynamicStructuredTool', () => {
  const schema = z.object({ city: z.string(), days: z.number().default(1) });

  it('should be a StructuredTool that validates its arguments', async () => {
    const forecast = new DynamicStructuredTool({
      name: 'forecast',
      description: 'Weather forecast',
      schema,
      func: async ({ city, days }) => `${city}: sunny for ${days} day(s)`,
    });
    expect(forecast).toBeInstanceOf(StructuredTool);
    expect([forecast.getName(), forecast.runType]).toEqual(['forecast', 'tool']);
    expect(await forecast.invoke({ city: 'Oslo' })).toBe('Oslo: sunny for 1 day(s)');
    await expect(forecast.invoke({ city: 3 } as never)).rejects.toThrow(ToolInputError);
  });

  it('should call func with (input, runManager, config) as LangChain.js does', async () => {
    const seen: unknown[] = [];
    const tool = new DynamicStructuredTool({
      name: 'probe',
      description: 'Records its arguments',
      schema,
      func: (input, runManager, config: RunnableConfig) => {
        seen.push(input, runManager, config.metadata?.['user']);
        return 'ok';
      },
    });
    await tool.invoke({ city: 'Rome', days: 2 }, { metadata: { user: 'u1' } });
    expect(seen).toEqual([{ city: 'Rome', days: 2 }, undefined, 'u1']);
  });

  it('should answer a tool call with a ToolMessage of the JSON result', async () => {
    const tool = new DynamicStructuredTool({
      name: 'lookup',
      description: 'Looks up',
      schema,
      func: ({ city }) => ({ city, population: 5 }),
    });
    const reply = await tool.invoke({ name: 'lookup', args: { city: 'Bern' }, id: 'c9', type: 'tool_call' });
    expect(reply).toBeInstanceOf(ToolMessage);
    expect(JSON.parse(reply.text)).toEqual({ city: 'Bern', population: 5 });
  });
});
