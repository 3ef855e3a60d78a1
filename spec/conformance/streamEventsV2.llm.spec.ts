import { PromptTemplate, type BaseLLM, type LLMInput, type RunnableConfig, type StreamEvent } from 'rxchain';
import { FakeLLM, FakeStreamingLLM } from 'rxchain/testing';
import { eventsOf } from '../support/streamEventsV2';

// Ported from the text-LLM cases of langchain-core/src/runnables/tests/runnable_stream_events_v2.test.ts.
// Each event is compared whole; run ids are random (upstream too), and the nesting is checked
// through parent_ids, which upstream's expectations do not list.

/** The shape of one expected event. */
function event(
  kind: string,
  name: string,
  tags: readonly string[],
  metadata: Readonly<Record<string, unknown>>,
  data: unknown,
) {
  return {
    event: kind,
    name,
    tags,
    metadata: expect.objectContaining(metadata),
    data,
    run_id: expect.any(String),
    parent_ids: expect.any(Array),
  };
}

const modelConfig = { metadata: { a: 'b' }, tags: ['my_model'], runName: 'my_model' };

/** Upstream's chain: a template, then a lambda that invokes the model with the lambda's config. */
function godzillaChain(llm: BaseLLM) {
  const template = PromptTemplate.fromTemplate('You are Godzilla\n{question}').withConfig({
    runName: 'my_template',
    tags: ['my_template'],
  });
  const model = llm.withConfig(modelConfig);
  const chain = template
    .pipe(async (val: LLMInput, config: RunnableConfig) => model.invoke(val, config))
    .withConfig({ metadata: { foo: 'bar' }, tags: ['my_chain'], runName: 'my_chain' });
  return { template, chain };
}

/** The events upstream expects of `godzillaChain`, given the model's chunks and final text. */
async function godzillaEvents(template: ReturnType<typeof godzillaChain>['template'], chunks: string[], text: string) {
  const prompt = await template.invoke({ question: 'hello' });
  const question = { question: 'hello' };
  const chain = ['my_chain', ['my_chain'], { foo: 'bar' }] as const;
  const step1 = ['my_template', ['seq:step:1', 'my_template', 'my_chain'], { foo: 'bar' }] as const;
  const step2 = ['RunnableLambda', ['seq:step:2', 'my_chain'], { foo: 'bar' }] as const;
  const llm = ['my_model', ['my_model', 'my_chain'], { foo: 'bar', a: 'b' }] as const;
  // rxchain reports a text model's input as `{ prompts: [text] }`, as upstream does inside a chain.
  const llmInput = { prompts: ['You are Godzilla\nhello'] };
  return [
    event('on_chain_start', ...chain, { input: question }),
    event('on_prompt_start', ...step1, { input: question }),
    event('on_prompt_end', ...step1, { output: prompt, input: question }),
    // A lambda starts at its first input chunk, before it has its whole input: `data: {}`.
    event('on_chain_start', ...step2, {}),
    event('on_llm_start', ...llm, { input: llmInput }),
    ...chunks.map((chunk) => event('on_llm_stream', ...llm, { chunk: { text: chunk } })),
    // rxchain's generations leave out an empty generationInfo (upstream: `{}` or undefined).
    event('on_llm_end', ...llm, { output: { generations: [[{ text }]], llmOutput: {} }, input: llmInput }),
    event('on_chain_stream', ...step2, { chunk: text }),
    event('on_chain_stream', ...chain, { chunk: text }),
    event('on_chain_end', ...step2, { output: text, input: prompt }),
    // rxchain's end carries the input too (LangChain v2 leaves it out of the root's end).
    event('on_chain_end', ...chain, { output: text, input: question }),
  ];
}

/** Every llm event is a child of the lambda, itself a child of the chain. */
function expectLlmNestedInLambda(events: StreamEvent[]) {
  const [root] = events;
  const lambda = events.find((e) => e.event === 'on_chain_start' && e.name === 'RunnableLambda');
  const llmEvents = events.filter((e) => e.event.startsWith('on_llm_'));
  expect(llmEvents.length).toBeGreaterThan(0);
  for (const e of llmEvents) expect(e.parent_ids).toEqual([root?.run_id, lambda?.run_id]);
  expect(lambda?.parent_ids).toEqual([root?.run_id]);
}

describe('runnable_stream_events_v2.test.ts', () => {
  it('Runnable streamEvents method with llm', async () => {
    const model = new FakeStreamingLLM({ responses: ['hey!'] }).withConfig(modelConfig);
    const events = await eventsOf(model.streamEvents('hello', { version: 'v2' }));
    const llm = ['my_model', ['my_model'], { a: 'b' }] as const;
    // rxchain reports a text model's input as `{ prompts: [text] }` at the root too (upstream: "hello").
    const input = { prompts: ['hello'] };
    expect(events).toEqual([
      event('on_llm_start', ...llm, { input }),
      ...['h', 'e', 'y', '!'].map((text) => event('on_llm_stream', ...llm, { chunk: { text } })),
      // rxchain's end carries the input, and leaves out the empty generationInfo (upstream: `{}`).
      event('on_llm_end', ...llm, { output: { generations: [[{ text: 'hey!' }]], llmOutput: {} }, input }),
    ]);
    for (const e of events) expect(e.parent_ids).toEqual([]);
    expect(new Set(events.map((e) => e.run_id)).size).toBe(1);
  });

  it('LLM that supports streaming, but is invoked, should still emit on_stream events', async () => {
    const { template, chain } = godzillaChain(new FakeStreamingLLM({ responses: ['ROAR'] }));
    const events = await eventsOf(chain.streamEvents({ question: 'hello' }, { version: 'v2' }));
    expect(events).toEqual(await godzillaEvents(template, ['R', 'O', 'A', 'R'], 'ROAR'));
    expectLlmNestedInLambda(events);
  });

  it("LLM that doesn't support streaming, but is invoked, should emit one on_stream event", async () => {
    const { template, chain } = godzillaChain(new FakeLLM({}));
    const events = await eventsOf(chain.streamEvents({ question: 'hello' }, { version: 'v2' }));
    const text = 'You are Godzilla\nhello';
    expect(events).toEqual(await godzillaEvents(template, [text], text));
    expectLlmNestedInLambda(events);
  });
});
