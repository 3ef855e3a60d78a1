import {
  ChatPromptTemplate,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  concat,
  type Document,
} from 'rxchain';
import { collect, echoChatModel, echoStreamingModel, FakeRetriever } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_map.test.ts. LangChain's text LLM
// fakes become echoing chat models followed by a string parser.

const echoText = () => echoStreamingModel().pipe(new StringOutputParser());
const QUESTION = 'What is your name?';
const perChar = (key: string) => [...QUESTION].map((c) => ({ [key]: c }));

describe('runnable_map.test.ts', () => {
  it('Create a runnable sequence with a runnable map', async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'You are a nice assistant.'],
      ['human', 'Context:\n{documents}\n\nQuestion:\n{question}'],
    ]);
    const runnable = RunnableMap.from({
      question: (input: string) => input,
      documents: RunnableSequence.from([new FakeRetriever(), (docs: Document[]) => JSON.stringify(docs)]),
      extraField: echoText(),
    })
      .pipe(prompt)
      .pipe(echoChatModel());
    const result = await runnable.invoke('Do you know the Muffin Man?');
    expect(result.content).toBe(
      'You are a nice assistant.\nContext:\n[{"pageContent":"foo","metadata":{}},{"pageContent":"bar","metadata":{}}]\n\nQuestion:\nDo you know the Muffin Man?',
    );
  });

  it('Test map inference in a sequence', async () => {
    const chain = RunnableSequence.from([
      { question: new RunnablePassthrough<string>(), context: async (_: string) => 'SOME STUFF' },
      ChatPromptTemplate.fromTemplate('context: {context}, question: {question}'),
      echoChatModel(),
      new StringOutputParser(),
    ]);
    // By design the echo is of the message text (LangChain's FakeLLM echoes the "Human: " prefixed buffer).
    expect(await chain.invoke('Just passing through.')).toBe('context: SOME STUFF, question: Just passing through.');
  });

  it('Should not allow mismatched inputs', () => {
    // By design the map's input is what every branch accepts (string & number, i.e. never):
    // building the chain compiles, calling it with any input does not.
    const badChain = RunnableSequence.from([
      { question: (input: string) => input.length, context: async (input: number) => input },
      ChatPromptTemplate.fromTemplate('context: {context}, question: {question}'),
    ]);
    const call = () =>
      // @ts-expect-error no input satisfies both branches
      badChain.invoke('x');
    expect(typeof call).toBe('function');
  });

  it('Should not allow improper inputs into a map in a sequence', () => {
    const map = RunnableMap.from({ question: echoText(), context: async (_input: number) => 9 });
    // @ts-expect-error a prompt's output is not what the map's branches take
    const runnable = ChatPromptTemplate.fromTemplate('context: {context}').pipe(map);
    expect(runnable).toBeDefined();
  });

  it('Should not allow improper outputs from a map into the next item in a sequence', () => {
    const map = RunnableMap.from({ question: (input: string) => input, context: async (_input: string) => 9 });
    // @ts-expect-error the next step takes a number, the map gives an object
    const runnable = map.pipe((n: number) => n + 1);
    expect(runnable).toBeDefined();
  });

  it('Should stream chunks from each step as they are produced', async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'You are a nice assistant.'],
      ['human', '{question}'],
    ]);
    const chain = RunnableSequence.from([
      prompt,
      RunnableMap.from({ passthrough: new RunnablePassthrough(), chat: echoChatModel(), llm: echoText() }),
    ]);
    const chunks = await collect(chain.stream({ question: QUESTION }));
    expect(chunks.length).toBeGreaterThan(3);
    // Each call's message gets a fresh id (upstream masks it with expect.any(String)).
    const masked = (value: { chat: { content: unknown } }) => ({ ...value, chat: value.chat.content });
    expect(masked(chunks.reduce((a, b) => concat(a, b)))).toEqual(masked(await chain.invoke({ question: QUESTION })));
    const select = chain.pipe((output: { llm: string }) => output.llm);
    expect(await select.invoke({ question: QUESTION })).toBe(`You are a nice assistant.\n${QUESTION}`);
  });

  it('Should stream chunks through runnable passthrough and assign', async () => {
    const chain = RunnableSequence.from([echoText(), RunnableMap.from({ llm: new RunnablePassthrough<string>() })]);
    const chunks = await collect(chain.stream(QUESTION));
    expect(chunks).toEqual(perChar('llm'));
    expect(chunks.reduce((a, b) => concat(a, b))).toEqual(await chain.invoke(QUESTION));

    const withAssign = chain.pipe(
      RunnablePassthrough.assign({ chat: RunnableSequence.from([(input: { llm: string }) => input.llm, echoText()]) }),
    );
    const chunks2 = await collect(withAssign.stream(QUESTION));
    expect(chunks2).toEqual([...perChar('llm'), ...perChar('chat')]);
    expect(chunks2.reduce((a, b) => concat(a, b))).toEqual(await withAssign.invoke(QUESTION));

    const pick = withAssign.pick('llm');
    const chunks3 = await collect(pick.stream(QUESTION));
    expect(chunks3).toEqual([...QUESTION]);
    expect(chunks3.join('')).toEqual(await pick.invoke(QUESTION));

    const pickMulti = withAssign.pick(['llm']);
    const chunks4 = await collect(pickMulti.stream(QUESTION));
    expect(chunks4).toEqual(perChar('llm'));
    expect(chunks4.reduce((a, b) => concat(a, b))).toEqual(await pickMulti.invoke(QUESTION));
  });
});
