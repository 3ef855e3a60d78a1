import {
  ChatPromptTemplate,
  HashingEmbeddings,
  MemoryVectorStore,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Document,
  type Runnable,
} from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import fixture from '../fixtures/langchain/eventOrder.json';

// The (event, name) pairs of LangChain.js's streamEvents v2 for the same chains and the same
// scripted replies, recorded by bench/conformance/eventOrder.mjs (see the fixture's header).

type Pair = readonly [event: string, name: string];

async function pairsOf<I>(chain: Runnable<I, string>, input: I): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for await (const event of chain.streamEvents(input, { version: 'v2' })) pairs.push([event.event, event.name]);
  return pairs;
}

const asPairs = (pairs: readonly (readonly string[])[]): Pair[] => pairs.map(([e, n]) => [e ?? '', n ?? ''] as const);

/**
 * LangChain's models report a token after the steps downstream have handled it; rxchain
 * reports it before passing it on (causal order, docs/migrating-from-langchain.md). Moves
 * each `on_chat_model_stream` before the downstream stream events of the same token.
 */
function causal(pairs: readonly Pair[]): Pair[] {
  const out: Pair[] = [];
  let pending: Pair[] = [];
  for (const pair of pairs) {
    const [event] = pair;
    if (event === 'on_chat_model_stream') {
      out.push(pair, ...pending);
      pending = [];
    } else if (event === 'on_parser_stream' || (event === 'on_chain_stream' && pending.length > 0)) {
      pending.push(pair);
    } else {
      out.push(...pending, pair);
      pending = [];
    }
  }
  return [...out, ...pending];
}

describe('event order, as LangChain.js 1.2 (fixture)', () => {
  it('was recorded from @langchain/core 1.2', () => {
    expect(fixture.langchainCoreVersion).toMatch(/^1\.2\./);
    expect(fixture.header).toContain('bench/conformance/eventOrder.mjs');
  });

  describe('prompt | model | StringOutputParser', () => {
    const chain = ChatPromptTemplate.fromTemplate('Tell me about {topic}')
      .pipe(new FakeListChatModel({ responses: [fixture.reply] }))
      .pipe(new StringOutputParser());

    it('should give the same events as LangChain, model tokens in causal order', async () => {
      expect(await pairsOf(chain, { topic: 'cells' })).toEqual(causal(asPairs(fixture.promptModelParser.pairs)));
    });

    it('should start the parser before the first model token, with no on_prompt_stream', async () => {
      const events = (await pairsOf(chain, { topic: 'cells' })).map(([event]) => event);
      expect(events.slice(0, 6)).toEqual([
        'on_chain_start',
        'on_prompt_start',
        'on_prompt_end',
        'on_chat_model_start',
        'on_parser_start',
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
    async function retrievalChain(): Promise<Runnable<string, string>> {
      const texts = ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'];
      const store = await MemoryVectorStore.fromTexts(texts, [{}, {}], new HashingEmbeddings());
      const formatDocs = (docs: Document[]) => docs.map((doc) => doc.pageContent).join('\n-----\n');
      const template = 'Answer the question based only on the following context:\n{context}\n\nQuestion: {question}\n';
      return RunnableSequence.from([
        { context: store.asRetriever().pipe(formatDocs), question: new RunnablePassthrough() },
        ChatPromptTemplate.fromTemplate(template),
        new FakeListChatModel({ responses: [fixture.reply] }),
        new StringOutputParser(),
      ]);
    }
    const question = 'What is the powerhouse of the cell?';

    /**
     * The by-design differences, each named in docs/migrating-from-langchain.md: a lambda is
     * named after its function (LangChain: "RunnableLambda"), a nested sequence and a
     * retriever report their chunks (LangChain: no on_chain_stream for a nested sequence,
     * no on_retriever_stream).
     */
    function normalised(pairs: readonly Pair[]): Pair[] {
      return pairs
        .map(([event, name]): Pair => [event, name === 'formatDocs' ? 'RunnableLambda' : name])
        .filter(([event]) => event !== 'on_retriever_stream');
    }

    it('should give the same events as LangChain from the prompt on, model tokens in causal order', async () => {
      const ours = normalised(await pairsOf(await retrievalChain(), question));
      const theirs = causal(asPairs(fixture.retrievalChain.pairs));
      const from = (pairs: Pair[]) => pairs.slice(pairs.findIndex(([event]) => event === 'on_prompt_start'));
      expect(from(ours)).toEqual(from(theirs));
    });

    it('should give each run of the map the same events as LangChain, in the same order', async () => {
      const ours = normalised(await pairsOf(await retrievalChain(), question));
      const theirs = asPairs(fixture.retrievalChain.pairs);
      const perRun = (pairs: Pair[], name: string) => pairs.filter(([, n]) => n === name).map(([event]) => event);
      for (const name of ['RunnableMap', 'RunnablePassthrough', 'VectorStoreRetriever', 'RunnableLambda']) {
        expect([name, perRun(ours, name)]).toEqual([name, perRun(theirs, name)]);
      }
      // Before the prompt, the only chain_stream of a RunnableSequence is the nested one's.
      const mapPart = (pairs: Pair[]) =>
        pairs
          .slice(
            0,
            pairs.findIndex(([event]) => event === 'on_prompt_start'),
          )
          .filter(([event, name]) => !(event === 'on_chain_stream' && name === 'RunnableSequence'));
      expect(mapPart(ours).length).toBe(mapPart(theirs).length);
      expect([...mapPart(ours)].sort()).toEqual([...mapPart(theirs)].sort());
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
});
