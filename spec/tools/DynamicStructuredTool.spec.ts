import { z } from 'zod';
import {
  DynamicStructuredTool,
  InvalidArgumentError,
  StructuredTool,
  toToolDefinition,
  ToolInputError,
  ToolMessage,
  type RunnableConfig,
} from 'rxchain';

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

  describe('with a JSON Schema', () => {
    const json = {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
    };

    it('should validate the arguments against it and call func as LangChain.js does', async () => {
      const seen: unknown[] = [];
      const tool = new DynamicStructuredTool({
        name: 'forecast',
        description: 'Forecasts',
        schema: json,
        func: (input, runManager, config: RunnableConfig) => {
          seen.push(input, runManager, config.metadata?.['user']);
          return `${String(input['city'])}: sunny`;
        },
      });
      expect(tool).toBeInstanceOf(StructuredTool);
      expect(await tool.invoke({ city: 'Rome', days: 2 }, { metadata: { user: 'u1' } })).toBe('Rome: sunny');
      expect(seen).toEqual([{ city: 'Rome', days: 2 }, undefined, 'u1']);
      await expect(tool.invoke({ city: 'Rome', days: 0 })).rejects.toBeInstanceOf(ToolInputError);
      await expect(tool.invoke({ town: 'Rome' })).rejects.toBeInstanceOf(ToolInputError);
    });

    it('should describe itself to models with the schema as written', () => {
      const tool = new DynamicStructuredTool({ name: 'f', description: 'F', schema: json, func: () => 'x' });
      expect(toToolDefinition(tool).function.parameters).toEqual(json);
    });

    it('should fail at once with an InvalidArgumentError for a schema zod cannot read', () => {
      const make = () =>
        new DynamicStructuredTool({ name: 'bad', description: 'Bad', schema: { type: 'nonsense' }, func: () => 'x' });
      expect(make).toThrow(InvalidArgumentError);
      expect(make).toThrow(/tool "bad"/);
    });
  });
});
