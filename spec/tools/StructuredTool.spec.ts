import { lastValueFrom, Observable } from 'rxjs';
import { z } from 'zod';
import { AIMessage, StructuredTool, ToolInputError, ToolMessage } from 'rxchain';
import { eventsOf, labels } from '../support/streamEvents';
import { schema, multiplyTool } from '../support/multiplyTool';

describe('StructuredTool', () => {
  describe('invoke with plain arguments', () => {
    it('should return the raw result of a sync or async function', async () => {
      const sync = multiplyTool();
      const later = new StructuredTool({
        name: 'later',
        description: 'Adds later',
        schema,
        func: async ({ a, b }) => {
          await Promise.resolve();
          return { sum: a + b };
        },
      });
      expect(await sync.invoke({ a: 6, b: 7 })).toBe(42);
      expect(await later.invoke({ a: 1, b: 2 })).toEqual({ sum: 3 });
    });

    it('should pass the validated (transformed, defaulted) arguments to the function', async () => {
      const seen: unknown[] = [];
      const greet = new StructuredTool({
        name: 'greet',
        description: 'Greets',
        schema: z.object({ name: z.string().trim(), punctuation: z.string().default('!') }),
        func: (args) => {
          seen.push(args);
          return `Hello ${args.name}${args.punctuation}`;
        },
      });
      expect(await greet.invoke({ name: '  Ada ' })).toBe('Hello Ada!');
      expect(seen).toEqual([{ name: 'Ada', punctuation: '!' }]);
    });

    it('should report runs of kind tool, named after the tool', async () => {
      const events = await eventsOf(multiplyTool(), { a: 2, b: 3 });
      expect(labels(events)).toEqual(['on_tool_start:multiply', 'on_tool_end:multiply']);
      expect(events[0]?.data).toEqual({ input: { a: 2, b: 3 } });
      expect(events[1]?.data).toEqual({ input: { a: 2, b: 3 }, output: 6 });
    });
  });

  describe('invoke with a tool call', () => {
    it('should answer with a ToolMessage carrying the call id, the tool name and the text result', async () => {
      const echo = new StructuredTool({
        name: 'echo',
        description: 'Echoes',
        schema: z.object({ text: z.string() }),
        func: ({ text }) => text,
      });
      const message = await echo.invoke({ name: 'echo', args: { text: 'hi' }, id: 'call_9', type: 'tool_call' });
      expect(message).toBeInstanceOf(ToolMessage);
      expect(message).toMatchObject({ content: 'hi', tool_call_id: 'call_9', name: 'echo', status: 'success' });
    });

    it('should put a non-string result in the message as JSON', async () => {
      const stats = new StructuredTool({
        name: 'stats',
        description: 'Stats',
        schema: z.object({ values: z.array(z.number()) }),
        func: async ({ values }) => ({ count: values.length, max: Math.max(...values) }),
      });
      const message = await stats.invoke({ name: 'stats', args: { values: [3, 9, 4] }, id: 'c1', type: 'tool_call' });
      expect(message.content).toBe('{"count":3,"max":9}');
      const six = await multiplyTool().invoke({ name: 'multiply', args: { a: 2, b: 3 }, id: 'c2', type: 'tool_call' });
      expect(six.content).toBe('6');
    });

    it('should pass a ToolMessage returned by the function through as it is', async () => {
      const custom = new StructuredTool({
        name: 'custom',
        description: 'Answers itself',
        schema: z.object({}),
        func: () => new ToolMessage({ content: 'done', tool_call_id: 'own', artifact: { rows: 2 } }),
      });
      const message = await custom.invoke({ name: 'custom', args: {}, id: 'c1', type: 'tool_call' });
      expect(message).toMatchObject({ content: 'done', tool_call_id: 'own', artifact: { rows: 2 } });
    });

    it('should accept the tool calls of an AIMessage written by hand, which have no type', async () => {
      const reply = new AIMessage({ content: '', tool_calls: [{ name: 'multiply', args: { a: 4, b: 5 }, id: 'c7' }] });
      const call = reply.tool_calls[0];
      if (call === undefined) throw new Error('no tool call');
      const message = await multiplyTool().invoke(call);
      expect(message).toBeInstanceOf(ToolMessage);
      expect(message).toMatchObject({ content: '20', tool_call_id: 'c7' });
    });

    it('should report the call as the start input and the ToolMessage as the end output', async () => {
      const call = { name: 'multiply', args: { a: 2, b: 5 }, id: 'c3', type: 'tool_call' as const };
      const events = await eventsOf(multiplyTool(), call);
      expect(events[0]?.data).toEqual({ input: call });
      const output = events.at(-1)?.data.output as ToolMessage;
      expect(output).toBeInstanceOf(ToolMessage);
      expect(output.content).toBe('10');
    });

    it('should fail with a ToolInputError for a tool call without an id', async () => {
      const calls: unknown[] = [];
      const error = await multiplyTool(calls)
        .invoke({ name: 'multiply', args: { a: 1, b: 2 }, type: 'tool_call' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolInputError);
      expect((error as ToolInputError).issues).toEqual([{ path: ['id'], message: expect.stringContaining('no id') }]);
      expect(calls).toEqual([]);
    });
  });

  describe('argument validation', () => {
    it('should fail with a ToolInputError naming the tool and every issue, without calling the function', async () => {
      const calls: unknown[] = [];
      const error = await multiplyTool(calls)
        .invoke({ a: 'six', c: 1 } as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolInputError);
      const toolError = error as ToolInputError;
      expect(toolError.toolName).toBe('multiply');
      expect(toolError.issues.map((issue) => issue.path)).toEqual([['a'], ['b']]);
      expect(toolError.message).toMatch(/^Invalid input for tool "multiply": a: .*expected number.*; b: /);
      expect(toolError.cause).toBeInstanceOf(z.ZodError);
      expect(calls).toEqual([]);
    });

    it('should validate the args of a tool call too', async () => {
      const error = await multiplyTool()
        .invoke({ name: 'multiply', args: { a: 1 }, id: 'c1', type: 'tool_call' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolInputError);
      expect((error as ToolInputError).issues.map((issue) => issue.path)).toEqual([['b']]);
    });

    it('should deliver the error on the error channel and report on_tool_error', async () => {
      const tool = multiplyTool();
      const errors: unknown[] = [];
      expect(() => tool.stream$({ a: 1 } as never).subscribe({ error: (e: unknown) => errors.push(e) })).not.toThrow();
      expect(errors).toEqual([expect.any(ToolInputError)]);
      const events: string[] = [];
      const failure = await lastValueFrom(
        new Observable<string>((subscriber) =>
          tool.events$({ a: 1 } as never).subscribe({
            next: (e) => events.push(e.event),
            error: (e: unknown) => {
              subscriber.next(String(e));
              subscriber.complete();
            },
          }),
        ),
      );
      expect(events).toEqual(['on_tool_start', 'on_tool_error']);
      expect(failure).toMatch(/^ToolInputError: /);
    });
  });
});
