import {
  ChatPromptTemplate,
  DynamicTool,
  HashingEmbeddings,
  MemoryVectorStore,
  OpenAICompatibleEmbeddings,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Document,
  type Runnable,
} from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import fixture from '../fixtures/langchain/eventOrder.json';
import { OpenAITestServer } from '../support/openaiServer';

// The (event, name) pairs of LangChain.js's streamEvents v2 for the same chains and the same
// scripted replies, recorded by bench/conformance/eventOrder.mjs (see the fixture's header).

type Pair = readonly [event: string, name: string];

async function pairsOf<I, O>(chain: Runnable<I, O>, input: I): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for await (const event of chain.streamEvents(input, { version: 'v2' })) pairs.push([event.event, event.name]);
  return pairs;
}

const asPairs = (pairs: readonly (readonly string[])[]): Pair[] => pairs.map(([e, n]) => [e ?? '', n ?? ''] as const);

const TEXTS = ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'];
const store = () => MemoryVectorStore.fromTexts(TEXTS, [{}, {}], new HashingEmbeddings());
const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
const upper = (text: string) => text.toUpperCase();

describe('event order, as LangChain.js 1.2 (fixture)', () => {
  it('was recorded from @langchain/core 1.2', () => {
    expect(fixture.langchainCoreVersion).toMatch(/^1\.2\./);
    expect(fixture.header).toContain('bench/conformance/eventOrder.mjs');
  });

  describe('prompt | model | StringOutputParser', () => {
    const chain = prompt.pipe(new FakeListChatModel({ responses: [fixture.reply] })).pipe(new StringOutputParser());

    it('should give the same events as LangChain, in the same order', async () => {
      expect(await pairsOf(chain, { topic: 'cells' })).toEqual(asPairs(fixture.promptModelParser.pairs));
    });

    it("should report each token after the parser's and the chain's events for it", async () => {
      const events = (await pairsOf(chain, { topic: 'cells' })).map(([event]) => event);
      expect(events.slice(0, 8)).toEqual([
        'on_chain_start',
        'on_prompt_start',
        'on_prompt_end',
        'on_chat_model_start',
        'on_parser_start',
        'on_parser_stream',
        'on_chain_stream',
        'on_chat_model_stream',
      ]);
      expect(events).not.toContain('on_prompt_stream');
    });

    it('should report the same start inputs as LangChain', async () => {
      const starts: Record<string, unknown> = {};
      for await (const event of chain.streamEvents({ topic: 'cells' }, { version: 'v2' })) {
        if (event.event.endsWith('_start') && event.data.input !== undefined) starts[event.name] ??= event.data.input;
      }
      expect(starts['RunnableSequence']).toEqual(fixture.promptModelParser.startInputs.RunnableSequence);
      expect(starts['ChatPromptTemplate']).toEqual(fixture.promptModelParser.startInputs.ChatPromptTemplate);
    });
  });

  describe("the seed guide's retrieval chain", () => {
    const template = 'Answer the question based only on the following context:\n{context}\n\nQuestion: {question}\n';
    const formatDocs = (docs: Document[]) => docs.map((doc) => doc.pageContent).join('\n-----\n');
    const chainOf = (retriever: Runnable<string, Document[]>): Runnable<string, string> =>
      RunnableSequence.from([
        { context: retriever.pipe(formatDocs), question: new RunnablePassthrough() },
        ChatPromptTemplate.fromTemplate(template),
        new FakeListChatModel({ responses: [fixture.reply] }),
        new StringOutputParser(),
      ]);
    const question = 'What is the powerhouse of the cell?';

    describe('with its store embedding over HTTP, as the guide does', () => {
      let server: OpenAITestServer;
      beforeAll(async () => {
        server = await OpenAITestServer.start();
        // Texts that mention the cell point one way, the others another.
        server.script((request) => {
          const input = (request.body as { input: string[] }).input;
          const data = input.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: /cell/.test(text) ? [1, 0] : [0, 1],
          }));
          return { json: { object: 'list', model: 'embed', data } };
        });
      });
      afterAll(() => server.close());

      async function retrievalChain(): Promise<Runnable<string, string>> {
        const embeddings = new OpenAICompatibleEmbeddings({ baseURL: server.url, apiKey: 'sk-test', model: 'embed' });
        return chainOf((await MemoryVectorStore.fromTexts(TEXTS, [{}, {}], embeddings)).asRetriever());
      }

      it('should give the same events as LangChain, in the same order', async () => {
        expect(await pairsOf(await retrievalChain(), question)).toEqual(asPairs(fixture.retrievalChain.pairs));
      });

      it('should start every branch of the map before any branch passes a chunk on', async () => {
        const events = (await pairsOf(await retrievalChain(), question)).map(([event, name]) => `${event}:${name}`);
        const firstStream = events.indexOf('on_chain_stream:RunnablePassthrough');
        expect(events.indexOf('on_chain_start:RunnablePassthrough')).toBeLessThan(firstStream);
        expect(events.indexOf('on_retriever_start:VectorStoreRetriever')).toBeLessThan(firstStream);
      });

      it('should report the retriever input as { query }, as LangChain 1.2 does', async () => {
        let input: unknown;
        for await (const event of (await retrievalChain()).streamEvents(question, { version: 'v2' })) {
          if (event.event === 'on_retriever_start') input = event.data.input;
        }
        expect(input).toEqual(fixture.retrievalChain.startInputs.VectorStoreRetriever);
        expect(input).toEqual({ query: question });
      });
    });

    // By design (docs/migrating-from-langchain.md, "Parallel branches"): with a retriever that
    // answers from memory, LangChain's interleaving follows how many promise ticks its async
    // generators take; each run's own events, and the set, are the same.
    describe('with a store answering from memory', () => {
      const retrievalChain = async () => chainOf((await store()).asRetriever());
      const theirs = asPairs(fixture.retrievalChainInMemory.pairs);
      const promptOn = (pairs: Pair[]) => pairs.slice(pairs.findIndex(([event]) => event === 'on_prompt_start'));
      const mapPart = (pairs: Pair[]) =>
        pairs.slice(
          0,
          pairs.findIndex(([event]) => event === 'on_prompt_start'),
        );

      it('should give the same events as LangChain from the prompt on, in the same order', async () => {
        expect(promptOn(await pairsOf(await retrievalChain(), question))).toEqual(promptOn(theirs));
      });

      it('should give each run of the map the same events as LangChain, in the same order, and the same set', async () => {
        const ours = mapPart(await pairsOf(await retrievalChain(), question));
        const perRun = (pairs: Pair[], name: string) => pairs.filter(([, n]) => n === name).map(([event]) => event);
        for (const name of ['RunnableMap', 'RunnableSequence', 'RunnablePassthrough', 'VectorStoreRetriever']) {
          expect([name, perRun(ours, name)]).toEqual([name, perRun(mapPart(theirs), name)]);
        }
        expect([...ours].sort()).toEqual([...mapPart(theirs)].sort());
      });

      it('should give the order of the chain whose store embeds over HTTP', async () => {
        expect(await pairsOf(await retrievalChain(), question)).toEqual(asPairs(fixture.retrievalChain.pairs));
      });
    });
  });

  describe('one rule per chain', () => {
    it('a lambda first in a sequence: named RunnableLambda, streams its one value', async () => {
      const chain = RunnableSequence.from([
        RunnableLambda.from((text: string) => ({ topic: upper(text) })),
        prompt,
        new FakeListChatModel({ responses: ['Hi'] }),
      ]);
      expect(await pairsOf(chain, 'cells')).toEqual(asPairs(fixture.lambdaFirst.pairs));
    });

    it('a lambda after a parser: starts at its first input chunk, streams once its input is whole', async () => {
      const chain = RunnableSequence.from([
        prompt,
        new FakeListChatModel({ responses: ['Hi'] }),
        new StringOutputParser(),
        RunnableLambda.from(upper),
      ]);
      expect(await pairsOf(chain, { topic: 'cells' })).toEqual(asPairs(fixture.lambdaLast.pairs));
    });

    it('a tool alone: start and end, no on_tool_stream', async () => {
      const shout = new DynamicTool({
        name: 'shout',
        description: 'Upper-cases its input',
        func: async (t) => upper(t),
      });
      expect(await pairsOf(shout, 'hi')).toEqual(asPairs(fixture.toolAlone.pairs));
    });

    it('a retriever alone: start and end, no on_retriever_stream', async () => {
      const retriever = (await store()).asRetriever();
      expect(await pairsOf(retriever, 'cells')).toEqual(asPairs(fixture.retrieverAlone.pairs));
    });

    it('a prompt alone: start and end, no on_prompt_stream', async () => {
      expect(await pairsOf(prompt, { topic: 'cells' })).toEqual(asPairs(fixture.promptAlone.pairs));
    });

    // By design (docs/migrating-from-langchain.md): LangChain's nested sequence buffers its
    // whole input before its first step starts; rxchain's streams it through.
    it('a nested sequence after a model: starts at the first token and streams it through (by design)', async () => {
      const inner = RunnableSequence.from([new StringOutputParser(), RunnableLambda.fromOperator((t$) => t$)], 'inner');
      const chain = RunnableSequence.from([new FakeListChatModel({ responses: ['Hi'] }), inner]);
      const events = (await pairsOf(chain, 'hi')).map(([event, name]) => `${event}:${name}`);
      expect(events.indexOf('on_chain_start:inner')).toBeLessThan(
        events.indexOf('on_chat_model_stream:FakeListChatModel'),
      );
      expect(events.filter((e) => e === 'on_parser_stream:StrOutputParser')).toHaveLength(2);
      expect(events).not.toContain('on_chain_stream:inner');
    });

    // The two models' tokens interleave by when they come, as any map's branches do (above).
    it('a RunnableParallel of two models: the same events per run, and the same set', async () => {
      const both = RunnableParallel.from({
        first: new FakeListChatModel({ responses: ['ab'] }),
        second: new FakeListChatModel({ responses: ['cd'] }),
      });
      const ours = await pairsOf(both, 'hi');
      const theirs = asPairs(fixture.parallelModels.pairs);
      const of = (pairs: Pair[], event: string) => pairs.filter(([e]) => e.startsWith(event));
      expect(of(ours, 'on_chain')).toEqual(of(theirs, 'on_chain'));
      expect(of(ours, 'on_chat_model')).toHaveLength(of(theirs, 'on_chat_model').length);
      expect(ours[0]).toEqual(theirs[0]);
      expect(ours.at(-1)).toEqual(theirs.at(-1));
      expect([...ours].sort()).toEqual([...theirs].sort());
    });
  });
});
