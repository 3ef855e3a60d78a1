import {
  ChatAnthropic,
  ChatOpenAICompatible,
  InvalidArgumentError,
  ToolInputError,
  tool,
  toToolDefinition,
} from 'rxchain';
import { createAnthropicServer, createOpenAIServer, type FakeProviderServer } from 'rxchain/testing';
import { z } from 'zod';

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string', description: 'the city' }, days: { type: 'integer', minimum: 1 } },
  required: ['city'],
  additionalProperties: false,
} as const;

describe('tool definitions in three forms', () => {
  const zodTool = { name: 'get_weather', description: 'Weather', schema: z.object({ city: z.string() }) };
  const jsonTool = { name: 'get_weather', description: 'Weather', schema: weatherSchema };
  const openAITool = {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather', parameters: weatherSchema },
  } as const;

  it('should turn each form into the same kind of definition', () => {
    expect(toToolDefinition(zodTool).function.parameters).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' } },
    });
    expect(toToolDefinition(jsonTool)).toEqual({
      type: 'function',
      function: { name: 'get_weather', description: 'Weather', parameters: weatherSchema },
    });
    expect(toToolDefinition(openAITool)).toBe(openAITool);
  });

  it('should send a JSON Schema as it was written, without $schema', () => {
    const withDialect = {
      ...jsonTool,
      schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...weatherSchema },
    };
    expect(toToolDefinition(withDialect).function.parameters).toEqual(weatherSchema);
  });

  describe('bindTools with a JSON Schema tool', () => {
    let openai: FakeProviderServer;
    let anthropic: FakeProviderServer;

    beforeAll(async () => {
      [openai, anthropic] = await Promise.all([createOpenAIServer(), createAnthropicServer()]);
    });

    afterAll(async () => {
      await Promise.all([openai.close(), anthropic.close()]);
    });

    it('should work on the OpenAI-compatible model', async () => {
      openai.script([{ toolCalls: [{ id: 'call_1', name: 'get_weather', args: ['{"city":', '"Paris"}'] }] }]);
      const model = new ChatOpenAICompatible({ baseURL: openai.url, model: 'gpt-4o-mini' });
      const reply = await model.bindTools([jsonTool]).invoke('Weather in Paris?');
      expect(reply.tool_calls).toEqual([
        { id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, type: 'tool_call' },
      ]);
      expect(openai.lastBody()['tools']).toEqual([
        { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weatherSchema } },
      ]);
    });

    it('should work on ChatAnthropic', async () => {
      anthropic.script([{ toolCalls: [{ id: 'toolu_1', name: 'get_weather', args: ['{"city":', '"Paris"}'] }] }]);
      const model = new ChatAnthropic({ baseURL: anthropic.url, apiKey: 'k', model: 'claude-sonnet-4-5' });
      const reply = await model.bindTools([jsonTool, openAITool]).invoke('Weather in Paris?');
      expect(reply.tool_calls[0]?.args).toEqual({ city: 'Paris' });
      expect(anthropic.lastBody()['tools']).toEqual([
        { name: 'get_weather', description: 'Weather', input_schema: weatherSchema },
        { name: 'get_weather', description: 'Weather', input_schema: weatherSchema },
      ]);
    });
  });

  describe('tool() with a JSON Schema', () => {
    const getWeather = tool((args) => `sunny in ${String(args['city'])} for ${String(args['days'] ?? 1)} days`, {
      name: 'get_weather',
      description: 'Weather',
      schema: weatherSchema,
    });

    it('should validate the arguments against the schema before calling the function', async () => {
      expect(await getWeather.invoke({ city: 'Paris', days: 3 })).toBe('sunny in Paris for 3 days');
      await expect(getWeather.invoke({ city: 'Paris', days: 0 })).rejects.toBeInstanceOf(ToolInputError);
      await expect(getWeather.invoke({ town: 'Paris' })).rejects.toBeInstanceOf(ToolInputError);
    });

    it('should answer a tool call with a ToolMessage', async () => {
      const message = await getWeather.invoke({
        name: 'get_weather',
        args: { city: 'Oslo' },
        id: 'c1',
        type: 'tool_call',
      });
      expect(message.content).toBe('sunny in Oslo for 1 days');
    });

    it('should give models the schema as it was written', () => {
      expect(toToolDefinition(getWeather).function.parameters).toEqual(weatherSchema);
    });

    it('should refuse a schema zod cannot read, naming the tool', () => {
      expect(() => tool(() => 1, { name: 'odd', description: 'x', schema: { type: 'no-such-type' } })).toThrow(
        InvalidArgumentError,
      );
      expect(() => tool(() => 1, { name: 'odd', description: 'x', schema: { type: 'no-such-type' } })).toThrow(
        /tool "odd"/,
      );
    });
  });
});
