import fc from 'fast-check';
import { z } from 'zod';
import { AIMessage, ToolInputError, failedRunOf, tool, type AIMessageChunk } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { agentLoop } from '../support/agentLoop';
import { FAULT_RUNS, consume, errorPath, eventsOutcome, streamedBy } from '../support/faults';

class ToolFault extends Error {
  override name = 'ToolFault';
}

/**
 * An agent loop: the model asks for `rounds` lookups, one per reply, then answers. The
 * tool throws on call `failOn` (1-based), or the model sends invalid arguments then.
 */
function agentWith(rounds: number, failOn: number, kind: 'throws' | 'invalid') {
  const fault = new ToolFault(`lookup ${failOn} failed`);
  let toolCalls = 0;
  const lookup = tool(
    ({ key }) => {
      toolCalls++;
      if (kind === 'throws' && toolCalls === failOn) throw fault;
      return `value of ${key}`;
    },
    { name: 'lookup', description: 'Looks a key up', schema: z.object({ key: z.string() }) },
  );
  const model = new ScriptedChatModel({
    name: 'model',
    split: 'char',
    responses: (_messages, index) => {
      if (index >= rounds) return 'done';
      const args = kind === 'invalid' && index + 1 === failOn ? { key: 42 } : { key: `k${index}` };
      return new AIMessage({ content: `look ${index}`, tool_calls: [{ name: 'lookup', args, id: `call_${index}` }] });
    },
  });
  const withTools = model.bindTools([lookup]);
  const agent = agentLoop(withTools, lookup);
  return { agent, model, fault, calls: () => toolCalls };
}

const scenario = fc
  .integer({ min: 1, max: 5 })
  .chain((rounds) => fc.record({ rounds: fc.constant(rounds), failOn: fc.integer({ min: 1, max: rounds }) }));

describe('faults: a tool that throws', () => {
  it('should fail the run once with the tool error, named by the tool run, after every earlier token arrived once', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rounds, failOn }) => {
        const { agent, model, fault, calls } = agentWith(rounds, failOn, 'throws');
        const { chunks: events, errors } = await eventsOutcome(agent, 'go');
        expect(errors).toEqual([fault]);
        expect(failedRunOf(fault)?.name).toBe('lookup');
        expect(errorPath(events, fault)).toEqual(['lookup', 'agent']);
        expect(calls()).toBe(failOn);
        expect(model.calls).toHaveLength(failOn);
        // Each model call streamed its reply once, and nothing of a later call appeared.
        const tokens = streamedBy(events, 'model')
          .map((c) => (c as AIMessageChunk).text)
          .join('');
        expect(tokens).toBe(Array.from({ length: failOn }, (_, i) => `look ${i}`).join(''));
        expect(events.filter((e) => e.event === 'on_tool_start')).toHaveLength(failOn);
      }),
      FAULT_RUNS,
    );
  });

  it('should fail with a ToolInputError, never calling the tool, when the model sends invalid arguments', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rounds, failOn }) => {
        const { agent, calls } = agentWith(rounds, failOn, 'invalid');
        const outcome = await consume(() => agent.stream('go'));
        expect(outcome.chunks).toEqual([]);
        expect(outcome.errors).toHaveLength(1);
        const error = outcome.errors[0] as ToolInputError;
        expect(error).toBeInstanceOf(ToolInputError);
        expect(error.toolName).toBe('lookup');
        expect(error.isRetryable).toBe(false);
        expect(calls()).toBe(failOn - 1);
      }),
      FAULT_RUNS,
    );
  });

  it('should recover through withFallbacks on the tool, reporting the failed tool run first', async () => {
    const fault = new ToolFault('lookup service down');
    const broken = tool(
      (): string => {
        throw fault;
      },
      { name: 'lookup', description: 'Looks a key up', schema: z.object({ key: z.string() }) },
    );
    const cached = tool(({ key }) => `cached ${key}`, {
      name: 'cache',
      description: 'Cached values',
      schema: z.object({ key: z.string() }),
    });
    const safe = broken.withFallbacks([cached]);
    const { chunks: events, errors } = await eventsOutcome(safe, { key: 'k' });
    expect(errors).toEqual([]);
    expect(events.map((e) => `${e.event}:${e.name}`)).toEqual([
      'on_chain_start:RunnableWithFallbacks',
      'on_tool_start:lookup',
      'on_tool_error:lookup',
      'on_tool_start:cache',
      'on_tool_end:cache',
      'on_chain_stream:RunnableWithFallbacks',
      'on_chain_end:RunnableWithFallbacks',
    ]);
    expect(events[events.length - 1]?.data.output).toBe('cached k');
  });
});
