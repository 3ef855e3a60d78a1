import { z } from 'zod';
import {
  RunnableLambda,
  RunnableSequence,
  StructuredTool,
  ToolMessage,
  dispatchCustomEvent,
  tool,
  toToolDefinition,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { eventsOf } from '../support/streamEvents';

const reverseWord = RunnableLambda.from(
  function reverseWord(word: string) {
    return [...word].reverse().join('');
  },
  { name: 'reverseWord' },
);

const wordSchema = z.object({ word: z.string().describe('a word') });

/** The fields the guide prints for each event. */
function compact(events: readonly StreamEvent[]): unknown[] {
  return events.map(({ event, name, run_id, parent_ids, data }) => ({ event, name, run_id, parent_ids, data }));
}

/** The events of the guide's bad_tool / correct_tool example, ids r1 (the tool) and r2 (reverseWord). */
const nestedEvents = (toolName: string): unknown[] => [
  { event: 'on_tool_start', name: toolName, run_id: 'r1', parent_ids: [], data: { input: { word: 'hello' } } },
  { event: 'on_chain_start', name: 'reverseWord', run_id: 'r2', parent_ids: ['r1'], data: { input: 'hello' } },
  { event: 'on_chain_stream', name: 'reverseWord', run_id: 'r2', parent_ids: ['r1'], data: { chunk: 'olleh' } },
  {
    event: 'on_chain_end',
    name: 'reverseWord',
    run_id: 'r2',
    parent_ids: ['r1'],
    data: { input: 'hello', output: 'olleh' },
  },
  {
    event: 'on_tool_end',
    name: toolName,
    run_id: 'r1',
    parent_ids: [],
    data: { input: { word: 'hello' }, output: 'olleh' },
  },
];

describe('tool()', () => {
  it('should make a StructuredTool with the name, description and schema given', async () => {
    const reverse = tool(({ word }) => [...word].reverse().join(''), {
      name: 'reverse',
      description: 'Reverses a word',
      schema: wordSchema,
    });
    expect(reverse).toBeInstanceOf(StructuredTool);
    expect(reverse.getName()).toBe('reverse');
    expect(reverse.runType).toBe('tool');
    expect(await reverse.invoke({ word: 'abc' })).toBe('cba');
  });

  it('should describe itself to models as a function tool with the JSON Schema of its arguments', () => {
    const reverse = tool(({ word }) => word, { name: 'reverse', description: 'Reverses a word', schema: wordSchema });
    expect(toToolDefinition(reverse)).toEqual({
      type: 'function',
      function: {
        name: 'reverse',
        description: 'Reverses a word',
        parameters: {
          type: 'object',
          properties: { word: { type: 'string', description: 'a word' } },
          required: ['word'],
          additionalProperties: false,
        },
      },
    });
  });

  it('should describe the arguments the model writes when the schema transforms or defaults them', () => {
    const shaped = tool((length) => length, {
      name: 'shaped',
      description: 'Measures',
      schema: z.object({ text: z.string(), unit: z.string().default('chars') }).transform((o) => o.text.length),
    });
    const parameters = toToolDefinition(shaped).function.parameters;
    expect(parameters['required']).toEqual(['text']);
    expect(Object.keys(parameters['properties'] as object)).toEqual(['text', 'unit']);
  });

  describe("the guide's bad_tool and correct_tool", () => {
    it('should nest the runnable a tool invokes without passing config (bad_tool)', async () => {
      const badTool = tool(({ word }) => reverseWord.invoke(word), {
        name: 'bad_tool',
        description: "A tool that doesn't pass its config on.",
        schema: wordSchema,
      });
      expect(compact(await eventsOf(badTool, { word: 'hello' }))).toEqual(nestedEvents('bad_tool'));
    });

    it('should nest the runnable a tool invokes with its config (correct_tool)', async () => {
      const correctTool = tool(({ word }, config: RunnableConfig) => reverseWord.invoke(word, config), {
        name: 'correct_tool',
        description: 'A tool that passes its config on.',
        schema: wordSchema,
      });
      expect(compact(await eventsOf(correctTool, { word: 'hello' }))).toEqual(nestedEvents('correct_tool'));
    });

    it('should nest a call made after an await without config (AsyncLocalStorage on Node)', async () => {
      const laterTool = tool(
        async ({ word }) => {
          await new Promise((resolve) => setImmediate(resolve));
          return reverseWord.invoke(word);
        },
        { name: 'later_tool', description: 'Awaits, then reverses.', schema: wordSchema },
      );
      expect(compact(await eventsOf(laterTool, { word: 'hello' }))).toEqual(nestedEvents('later_tool'));
    });

    it('should nest under the tool when the tool is itself a step of a chain', async () => {
      const badTool = tool(({ word }) => reverseWord.invoke(word), {
        name: 'bad_tool',
        description: 'Reverses.',
        schema: wordSchema,
      });
      const chain = RunnableSequence.from([(word: string) => ({ word }), badTool]);
      const events = await eventsOf(chain, 'hello', undefined, { tags: ['outer'] });
      const toolStart = events.find((e) => e.event === 'on_tool_start');
      const innerStart = events.find((e) => e.event === 'on_chain_start' && e.name === 'reverseWord');
      expect(toolStart?.parent_ids).toEqual(['r1']);
      expect(toolStart?.tags).toEqual(['seq:step:2', 'outer']);
      expect(innerStart?.parent_ids).toEqual(['r1', toolStart?.run_id]);
      expect(innerStart?.tags).toEqual(['outer']);
      expect(events.at(-1)).toMatchObject({ event: 'on_chain_end', data: { output: 'olleh' } });
    });
  });

  describe('custom events', () => {
    it('should send a custom event from inside a tool, as the tool run, with or without config', async () => {
      const progress = tool(
        async ({ word }, config) => {
          dispatchCustomEvent('progress', { step: 1 }, config);
          await Promise.resolve();
          dispatchCustomEvent('progress', { step: 2 });
          return word;
        },
        { name: 'progress_tool', description: 'Reports progress.', schema: wordSchema },
      );
      const events = await eventsOf(progress, { word: 'x' }, undefined, { metadata: { user: 'u1' } });
      const custom = events.filter((e) => e.event === 'on_custom_event');
      expect(custom).toEqual([
        {
          event: 'on_custom_event',
          name: 'progress',
          run_id: 'r1',
          parent_ids: [],
          tags: [],
          metadata: { user: 'u1' },
          data: { step: 1 },
        },
        {
          event: 'on_custom_event',
          name: 'progress',
          run_id: 'r1',
          parent_ids: [],
          tags: [],
          metadata: { user: 'u1' },
          data: { step: 2 },
        },
      ]);
      expect(events.map((e) => e.event)).toEqual([
        'on_tool_start',
        'on_custom_event',
        'on_custom_event',
        'on_tool_end',
      ]);
    });
  });

  it('should answer a tool call with a ToolMessage', async () => {
    const reverse = tool(({ word }) => [...word].reverse().join(''), {
      name: 'reverse',
      description: 'Reverses a word',
      schema: wordSchema,
    });
    const message = await reverse.invoke({ name: 'reverse', args: { word: 'abc' }, id: 'c1', type: 'tool_call' });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message.content).toBe('cba');
  });
});
