import { z } from 'zod';
import { StructuredTool, ToolInputError, ToolMessage } from 'rxchain';
import { FakeTool } from 'rxchain/testing';

describe('FakeTool', () => {
  const weather = new FakeTool({
    name: 'weather',
    description: 'Weather of a city',
    schema: z.object({ city: z.string(), unit: z.string().default('C') }),
  });

  it('should be a tool with the given name, description and schema', () => {
    expect(weather).toBeInstanceOf(StructuredTool);
    expect([weather.getName(), weather.description, weather.runType]).toEqual(['weather', 'Weather of a city', 'tool']);
  });

  it('should answer with its validated arguments as JSON', async () => {
    expect(await weather.invoke({ city: 'Oslo' })).toBe('{"city":"Oslo","unit":"C"}');
    await expect(weather.invoke({ city: 1 } as never)).rejects.toThrow(ToolInputError);
  });

  it('should answer a tool call with a ToolMessage', async () => {
    const reply = await weather.invoke({ name: 'weather', args: { city: 'Rome' }, id: 'c1', type: 'tool_call' });
    expect(reply).toBeInstanceOf(ToolMessage);
    expect(reply.content).toBe('{"city":"Rome","unit":"C"}');
  });
});
