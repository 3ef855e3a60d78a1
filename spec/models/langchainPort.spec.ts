import { ChatPromptTemplate, CommaSeparatedListOutputParser, LLM, type BaseLLMParams, type StreamEvent } from 'rxchain';
import { FakeStreamingLLM } from 'rxchain/testing';

// LangChain.js's own tests of text models, with only the imports changed (and the input
// of on_llm_start, which rxchain reports as `{ prompts }` for every run).
describe('LangChain.js text-model code, ported by changing imports', () => {
  it("should give LangChain's 'streamEvents method with llm' events", async () => {
    const model = new FakeStreamingLLM({ responses: ['hey!'] }).withConfig({
      metadata: { a: 'b' },
      tags: ['my_model'],
      runName: 'my_model',
    });
    const events: StreamEvent[] = [];
    const eventStream = await model.streamEvents('hello', { version: 'v2' });
    for await (const event of eventStream) events.push(event);
    const common = { name: 'my_model', tags: ['my_model'], run_id: expect.any(String), metadata: { a: 'b' } };
    expect(events).toEqual([
      { ...common, event: 'on_llm_start', parent_ids: [], data: { input: { prompts: ['hello'] } } },
      ...['h', 'e', 'y', '!'].map((text) => ({
        ...common,
        event: 'on_llm_stream',
        parent_ids: [],
        data: { chunk: { text } },
      })),
      {
        ...common,
        event: 'on_llm_end',
        parent_ids: [],
        data: { input: { prompts: ['hello'] }, output: { generations: [[{ text: 'hey!' }]], llmOutput: {} } },
      },
    ]);
  });

  it('should run a custom LLM from the LangChain.js docs in a chain with a list parser', async () => {
    // From LangChain.js's "custom LLM" guide.
    interface CustomLLMInput extends BaseLLMParams {
      n: number;
    }
    class CustomLLM extends LLM {
      n: number;
      constructor(fields: CustomLLMInput) {
        super(fields);
        this.n = fields.n;
      }
      _llmType() {
        return 'custom';
      }
      async _call(prompt: string): Promise<string> {
        return prompt.slice(0, this.n);
      }
      override async *_streamResponseChunks(prompt: string) {
        for (const letter of prompt.slice(0, this.n)) yield { text: letter };
      }
    }
    const llm = new CustomLLM({ n: 9 });
    const chain = ChatPromptTemplate.fromTemplate('{a}, {b}').pipe(llm).pipe(new CommaSeparatedListOutputParser());
    const items: string[][] = [];
    for await (const item of await chain.stream({ a: 'x', b: 'y' })) items.push(item);
    // "Human: x, y" cut to 9 characters: "Human: x," then " y" is cut off.
    expect(items).toEqual([['Human: x'], ['']]);
    expect(await llm.invoke('abcdefghijk')).toBe('abcdefghi');
  });
});
