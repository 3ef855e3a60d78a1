import {
  AIMessage,
  AIMessageChunk,
  ChatPromptTemplate,
  JsonOutputParser,
  OutputParserException,
  PromptTemplate,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
  StructuredTool,
  SystemMessagePromptTemplate,
  HumanMessage,
  type BaseMessage,
  type JsonValue,
  type Run,
  type RunnableConfig,
} from 'rxchain';
import { FakeListChatModel, FakeLLM, FakeStreamingChatModel, FakeStreamingLLM } from 'rxchain/testing';
import { z } from 'zod';
import { collect, echoChatModel, nextTurn } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable.test.ts (langchainjs 62fc484,
// @langchain/core 1.x): the withConfig, listener, sequence and runId cases. LangChain's
// SingleRunExtractor tracer becomes a `withListeners` onStart, which sees the same run.

/** The root run's id, as a tracer would record it. */
async function rootRunId(run: (onStart: (run: Run) => void) => Promise<unknown>): Promise<string | undefined> {
  let id: string | undefined;
  await run((started) => {
    if (id === undefined) id = started.id;
  });
  return id;
}

describe('runnable.test.ts', () => {
  it('Runnable withConfig', async () => {
    const fake = RunnableLambda.from((_: string, config: RunnableConfig) => ({
      tags: config.tags,
      metadata: config.metadata,
    }));
    expect((await fake.withConfig({ tags: ['a-tag'] }).invoke('hello')).tags).toEqual(['a-tag']);
    const chunks = await collect(
      fake
        .withConfig({ metadata: { a: 'b', b: 'c' }, tags: ['a-tag'] })
        .stream('hi', { tags: ['b-tag'], metadata: { a: 'updated' } }),
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.tags).toEqual(['a-tag', 'b-tag']);
    // By design: withConfig's metadata wins over the call's (LangChain: { a: 'updated', b: 'c' }).
    expect(chunks[0]?.metadata).toEqual({ a: 'b', b: 'c' });
  });

  const listenedChain = () =>
    ChatPromptTemplate.fromMessages([
      SystemMessagePromptTemplate.fromTemplate('You are a nice assistant.'),
      ['human', '{question}'],
    ]).pipe(new FakeListChatModel({ responses: ['foo'] }));

  it('Listeners work', async () => {
    const starts: Run[] = [];
    const ends: Run[] = [];
    await listenedChain()
      .withListeners({ onStart: (run) => void starts.push(run), onEnd: (run) => void ends.push(run) })
      .invoke({ question: 'What is the meaning of life?' });
    expect(starts.map((run) => run.name)).toEqual(['RunnableSequence']);
    expect(ends).toHaveLength(1);
  });

  it('Listeners work with async handlers', async () => {
    const starts: Run[] = [];
    const ends: Run[] = [];
    await listenedChain()
      .withListeners({
        onStart: async (run) => {
          await nextTurn();
          starts.push(run);
        },
        onEnd: async (run) => {
          await nextTurn();
          ends.push(run);
        },
      })
      .invoke({ question: 'What is the meaning of life?' });
    expect(starts.map((run) => run.name)).toEqual(['RunnableSequence']);
    expect(ends).toHaveLength(1);
  });

  it('Create a runnable sequence and run it', async () => {
    const runnable = PromptTemplate.fromTemplate('{input}').pipe(echoChatModel()).pipe(new StringOutputParser());
    expect(await runnable.invoke({ input: 'Jello world' })).toBe('Jello world');
  });

  it('Create a runnable sequence with a static method with invalid output and catch the error', async () => {
    const parser = (input: BaseMessage): BaseMessage => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.text);
      } catch {
        throw new OutputParserException('Invalid output');
      }
      const ok = typeof parsed === 'object' && parsed !== null && 'outputValue' in parsed;
      if (!ok || (parsed as { outputValue: unknown }).outputValue !== 'Hello sequence!') {
        throw new OutputParserException('Invalid output');
      }
      return input;
    };
    const runnable = RunnableSequence.from([PromptTemplate.fromTemplate('{input}'), echoChatModel(), parser]);
    const error: unknown = await runnable.invoke({ input: 'Hello sequence!' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputParserException);
    // By design: the class is the code; rxchain errors carry no lc_error_code.
    expect(error).toMatchObject({ name: 'OutputParserException', message: expect.stringContaining('Invalid output') });
  });

  it('Create a runnable sequence with a static method with no tags', async () => {
    const seq = RunnableSequence.from([() => 'foo', () => 'bar'], { omitSequenceTags: true });
    const events = await collect(seq.streamEvents({}, { version: 'v2' }));
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) expect(event.tags?.find((tag) => tag.startsWith('seq:'))).toBeUndefined();
  });

  it('RunnableSequence can pass config to every step in batched request', async () => {
    let numSeen = 0;
    const adder = (n: number) => (x: number, options: RunnableConfig) => {
      if (options.configurable?.['isPresent'] === true) numSeen += 1;
      return x + n;
    };
    const sequence = RunnableSequence.from([adder(1), adder(2), adder(3)]);
    expect(await sequence.batch([1], { configurable: { isPresent: true } })).toEqual([7]);
    expect(numSeen).toBe(3);
  });

  it('Should aggregate properly', async () => {
    const model = new FakeStreamingLLM({
      sleep: 0,
      responses: [
        '{"countries": [{"name": "France", "population": 67391582}, {"name": "Spain", "population": 46754778}, {"name": "Japan", "population": 126476461}]}',
      ],
    });
    // A function that does not operate on input streams: it breaks streaming.
    const extractCountryNames = (inputs: JsonValue) => {
      if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return '';
      const countries = inputs['countries'];
      if (!Array.isArray(countries)) return '';
      return countries.map((country) =>
        typeof country === 'object' && country !== null && !Array.isArray(country) ? country['name'] : null,
      );
    };
    const chain = model.pipe(new JsonOutputParser()).pipe(extractCountryNames);
    const chunks = await collect(chain.stream('output a list of the countries france, spain and japan'));
    expect(chunks).toEqual([['France', 'Spain', 'Japan']]);
  });
});

describe('runnable.test.ts runId config', () => {
  const testId = '0d7fc1a4-3b1c-4a34-9a43-2f3f38e0b1e1';

  it('invoke', async () => {
    const llm = echoChatModel();
    const id = await rootRunId((onStart) => llm.withListeners({ onStart }).invoke('gg', { runId: testId }));
    expect(id).toBe(testId);
  });

  it('batch', async () => {
    const llm = echoChatModel();
    const message = new HumanMessage('hello world');
    let res: unknown[] = [];
    const id = await rootRunId(async (onStart) => {
      res = await llm.withListeners({ onStart }).batch([[message], [message]], { runId: testId });
    });
    expect(id).toBe(testId);
    expect(res).toHaveLength(2);
  });

  it('stream', async () => {
    const llm = new FakeStreamingChatModel({ sleep: 0 });
    const id = await rootRunId((onStart) => collect(llm.withListeners({ onStart }).stream('gg', { runId: testId })));
    expect(id).toBe(testId);
  });

  it('stream (via llm)', async () => {
    const llm = new FakeStreamingLLM({ sleep: 0 });
    const id = await rootRunId((onStart) => collect(llm.withListeners({ onStart }).stream('gg', { runId: testId })));
    expect(id).toBe(testId);
  });

  it('invoke (via llm)', async () => {
    const llm = new FakeLLM();
    const id = await rootRunId((onStart) => llm.withListeners({ onStart }).invoke('gg', { runId: testId }));
    expect(id).toBe(testId);
  });
});

describe('runnable.test.ts FakeStreamingChatModel predefined chunks', () => {
  it('streams predefined chunks including tool call', async () => {
    const echoTool = new StructuredTool({
      name: 'echo',
      description: 'Echo the input',
      schema: z.object({ input: z.string() }),
      func: (arg) => JSON.stringify(arg),
    });
    const toolCallChunk = new AIMessageChunk({
      content: '',
      tool_call_chunks: [{ id: 'call_1', type: 'tool_call_chunk', name: 'echo', args: '{"input":"hello"}', index: 0 }],
    });
    const chars = (text: string) => [...text].map((char) => new AIMessageChunk({ content: char }));
    const model = new FakeStreamingChatModel({ chunks: [...chars('Hi'), toolCallChunk, ...chars('!')], sleep: 0 });
    const seen = await collect(model.bindTools([echoTool]).stream([]));
    expect(seen.map((chunk) => chunk.content)).toEqual(['H', 'i', '', '!']);
    expect(seen[2]?.tool_call_chunks?.[0]?.name).toBe('echo');
  });

  it('FakeStreamingChatModel fallback char streaming', async () => {
    const model = new FakeStreamingChatModel({ responses: [new AIMessage('Hi')], sleep: 0 });
    expect((await collect(model.stream([]))).map((chunk) => chunk.content)).toEqual(['H', 'i']);
  });
});
