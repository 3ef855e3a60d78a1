import {
  ChatPromptTemplate,
  Document,
  PromptTemplate,
  RunLog,
  RunnableMap,
  RunnableSequence,
  StringOutputParser,
  type RunLogPatch,
} from 'rxchain';
import { echoChatModel, echoStreamingModel, FakeRetriever } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_stream_log.test.ts.

async function fold(patches: AsyncIterable<RunLogPatch>): Promise<RunLog> {
  let log: RunLog | undefined;
  for await (const patch of patches) log = log === undefined ? RunLog.fromRunLogPatch(patch) : log.concat(patch);
  return log as RunLog;
}

describe('runnable_stream_log.test.ts', () => {
  it('Runnable streamLog method', async () => {
    const runnable = PromptTemplate.fromTemplate('{input}').pipe(echoChatModel()).pipe(new StringOutputParser());
    const log = await fold(runnable.streamLog({ input: 'Hello world!' }));
    // By design final_output is the output itself (LangChain wraps a non-object as { output }).
    expect(log.state.final_output).toBe('Hello world!');
  });

  it('Runnable streamLog method with a more complicated sequence', async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'You are a nice assistant.'],
      ['human', 'Context:\n{documents}\n\nQuestion:\n{question}'],
    ]);
    const runnable = RunnableMap.from({
      question: (input: string) => input,
      documents: RunnableSequence.from([new FakeRetriever(), (docs: Document[]) => JSON.stringify(docs)]).withConfig({
        runName: 'CUSTOM_NAME',
      }),
      extraField: echoStreamingModel({ name: 'FakeLLM' }).withConfig({ tags: ['only_one'] }),
    })
      .pipe(prompt)
      .pipe(echoChatModel());
    const log = await fold(
      runnable.streamLog(
        'Do you know the Muffin Man?',
        {},
        { includeTags: ['only_one'], includeNames: ['CUSTOM_NAME'] },
      ),
    );
    expect(log.state.logs['FakeLLM']).toBeDefined();
    expect((log.state.logs['FakeLLM']?.final_output as { text: string }).text).toBe('Do you know the Muffin Man?');
    expect(log.state.logs['CUSTOM_NAME']?.final_output).toBe(
      JSON.stringify([new Document({ pageContent: 'foo' }), new Document({ pageContent: 'bar' })]),
    );
  });
});
