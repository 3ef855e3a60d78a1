import {
  ChatPromptTemplate,
  PromptTemplate,
  RouterRunnable,
  RunnableLambda,
  RunnableSequence,
  StringOutputParser,
} from 'rxchain';
import { FakeLLM, FakeStreamingLLM } from 'rxchain/testing';
import { collect } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable.test.ts (langchainjs 62fc484,
// @langchain/core 1.x): the streaming, batch, pipe, router and lambda cases. The
// withConfig, listener, sequence and runId cases are in runnable.config.spec.ts.

describe('runnable.test.ts', () => {
  it('Test batch', async () => {
    const results = await new FakeLLM().batch(['Hi there!', 'Hey hey']);
    expect(results).toEqual(['Hi there!', 'Hey hey']);
  });

  it('Test stream', async () => {
    const stream = await new FakeLLM().stream('Hi there!');
    const text = await collect(
      stream.pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()) as ReadableStream<string> &
        AsyncIterable<string>,
    );
    expect(text.join('')).toBe('Hi there!');
  });

  it('Test stream with an immediate thrown error', async () => {
    const llm = new FakeStreamingLLM({ thrownErrorString: 'testing' });
    await expect(collect(llm.stream('Hi there!'))).rejects.toThrow('testing');
  });

  it('Pipe from one runnable to the next', async () => {
    const runnable = PromptTemplate.fromTemplate('{input}').pipe(new FakeLLM());
    expect(await runnable.invoke({ input: 'Hello world!' })).toBe('Hello world!');
  });

  it('Stream the entire way through', async () => {
    const chunks = await collect(new FakeStreamingLLM({ sleep: 0 }).pipe(new StringOutputParser()).stream('Hi there!'));
    expect(chunks).toHaveLength('Hi there!'.length);
    expect(chunks.join('')).toBe('Hi there!');
  });

  it('Callback order with transform streaming', async () => {
    const chain = ChatPromptTemplate.fromTemplate('{input}')
      .pipe(new FakeStreamingLLM({ sleep: 0 }))
      .pipe(new StringOutputParser());
    const order: string[] = [];
    const chunks: string[] = [];
    for await (const event of chain.streamEvents({ input: 'Hi there!' }, { version: 'v2' })) {
      if (event.event === 'on_chain_start' || event.event === 'on_prompt_start' || event.event === 'on_llm_start') {
        order.push(event.name);
      }
      if (event.event === 'on_parser_start') order.push(event.name);
      if (event.event === 'on_chain_stream' && event.parent_ids.length === 0) chunks.push(String(event.data.chunk));
    }
    expect(order).toEqual(['RunnableSequence', 'ChatPromptTemplate', 'FakeStreamingLLM', 'StrOutputParser']);
    expect(chunks).toHaveLength('Human: Hi there!'.length);
    expect(chunks.join('')).toBe('Human: Hi there!');
  });

  it("Don't use intermediate streaming", async () => {
    const chain = new FakeStreamingLLM({ sleep: 0 }).pipe(new StringOutputParser()).pipe(new FakeLLM());
    expect(await collect(chain.stream('Hi there!'))).toEqual(['Hi there!']);
  });

  it('Router runnables', async () => {
    const mathChain = PromptTemplate.fromTemplate('You are a math genius. Answer the question: {question}').pipe(
      new FakeLLM({ response: 'I am a math genius!' }),
    );
    const englishChain = PromptTemplate.fromTemplate('You are an english major. Answer the question: {question}').pipe(
      new FakeLLM({ response: 'I am an English genius!' }),
    );
    const router = new RouterRunnable({ runnables: { math: mathChain, english: englishChain } });
    type RouterChainInput = { key: string; question: string };
    const chain = RunnableSequence.from([
      { key: (x: RouterChainInput) => x.key, input: { question: (x: RouterChainInput) => x.question } },
      router,
    ]);
    expect(await chain.invoke({ key: 'math', question: '2 + 2' })).toBe('I am a math genius!');
    expect(
      await chain.batch([
        { key: 'math', question: '2 + 2' },
        { key: 'english', question: '2 + 2' },
      ]),
    ).toEqual(['I am a math genius!', 'I am an English genius!']);
  });

  it('RunnableLambda that returns a runnable should invoke the runnable', async () => {
    const runnable = RunnableLambda.from(() => RunnableLambda.from(() => 'testing'));
    expect(await runnable.invoke({})).toBe('testing');
  });

  it('RunnableLambda that returns an async iterator should consume it', async () => {
    const runnable = RunnableLambda.from(async function* () {
      yield 'test';
      yield 'ing';
    });
    expect(await runnable.invoke({})).toBe('testing');
    expect(await collect(runnable.stream({}))).toEqual(['test', 'ing']);
  });

  const readable = () =>
    new ReadableStream<string>({
      start(controller) {
        controller.enqueue('test');
        controller.enqueue('ing');
        controller.close();
      },
    });

  it('RunnableLambda that returns an async iterable should consume it', async () => {
    const runnable = RunnableLambda.from(() => readable());
    expect(await runnable.invoke({})).toBe('testing');
    expect(await collect(runnable.stream({}))).toEqual(['test', 'ing']);
  });

  it('RunnableLambda that returns a promise for async iterable should consume it', async () => {
    const runnable = RunnableLambda.from(async () => readable());
    expect(await runnable.invoke({})).toBe('testing');
    expect(await collect(runnable.stream({}))).toEqual(['test', 'ing']);
  });

  it('RunnableLambda that returns an iterator should consume it', async () => {
    const runnable = RunnableLambda.from(function* () {
      yield 'test';
      yield 'ing';
    });
    expect(await runnable.invoke({})).toBe('testing');
    expect(await collect(runnable.stream({}))).toEqual(['test', 'ing']);
  });

  it('RunnableLambda that returns a streaming runnable should stream output from the inner runnable', async () => {
    const runnable = RunnableLambda.from(() => new FakeStreamingLLM({ sleep: 0 }));
    expect(await collect(runnable.stream('hello'))).toEqual(['h', 'e', 'l', 'l', 'o']);
  });
});
