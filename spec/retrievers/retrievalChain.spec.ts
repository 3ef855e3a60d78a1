import {
  ChatPromptTemplate,
  HashingEmbeddings,
  MemoryVectorStore,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Document,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { eventsOf } from '../support/streamEvents';

const template = `Answer the question based only on the following context:
{context}

Question: {question}
`;

const formatDocs = (docs: Document[]): string => docs.map((doc) => doc.pageContent).join('\n-----\n');

/** The guide's retrieval chain over the harrison texts, on a model that answers from its context. */
async function retrievalChain(): Promise<{ chain: RunnableSequence<string, string>; model: ScriptedChatModel }> {
  const vectorstore = await MemoryVectorStore.fromTexts(
    ['harrison likes spicy food', 'harrison worked at kensho', 'bears like to eat honey'],
    [{}, {}, {}],
    new HashingEmbeddings(),
  );
  const retriever = vectorstore.asRetriever({ k: 1 });
  const model = new ScriptedChatModel({
    name: 'model',
    responses: (messages) =>
      messages[0]?.text.includes('kensho') === true ? 'Harrison worked at Kensho.' : 'I do not know.',
  });
  const chain = RunnableSequence.from([
    { context: retriever.pipe(formatDocs), question: new RunnablePassthrough<string>() },
    ChatPromptTemplate.fromTemplate(template),
    model,
    new StringOutputParser(),
  ]);
  return { chain, model };
}

describe('the retrieval chain of the guide', () => {
  it('should retrieve the right document and stream the answer in several chunks', async () => {
    const { chain, model } = await retrievalChain();
    const chunks: string[] = [];
    for await (const chunk of await chain.stream('where did harrison work?')) chunks.push(chunk);
    expect(chunks).toEqual(['Harrison', ' worked', ' at', ' Kensho.']);
    expect(model.calls[0]?.messages[0]?.text).toBe(
      'Answer the question based only on the following context:\nharrison worked at kensho\n\nQuestion: where did harrison work?\n',
    );
  });

  it('should end the retriever before the model streams its first token', async () => {
    const { chain } = await retrievalChain();
    const events: StreamEvent[] = await eventsOf(chain, 'where did harrison work?');
    const at = (event: string, name?: string): number =>
      events.findIndex((e) => e.event === event && (name === undefined || e.name === name));
    const retrieverStart = at('on_retriever_start');
    const retrieverEnd = at('on_retriever_end');
    const promptEnd = at('on_prompt_end');
    const firstToken = at('on_chat_model_stream');
    expect(retrieverStart).toBeGreaterThan(0);
    expect(retrieverStart).toBeLessThan(retrieverEnd);
    expect(retrieverEnd).toBeLessThan(promptEnd);
    expect(promptEnd).toBeLessThan(firstToken);
    expect(events.filter((e) => e.event === 'on_chat_model_stream')).toHaveLength(4);
    expect(events.filter((e) => e.event === 'on_chain_stream' && e.parent_ids.length === 0)).toHaveLength(4);

    const retrieverEvents = events.filter((e) => e.event.startsWith('on_retriever_'));
    expect(retrieverEvents[0]?.data).toEqual({ input: { query: 'where did harrison work?' } });
    expect((retrieverEvents.at(-1)?.data.output as Document[]).map((d) => d.pageContent)).toEqual([
      'harrison worked at kensho',
    ]);
    // The retriever runs inside the context branch: root > map > branch sequence > retriever.
    expect(retrieverEvents[0]?.parent_ids).toHaveLength(3);
    expect(retrieverEvents[0]?.tags).toEqual(['seq:step:1']);
    expect(events.at(-1)).toMatchObject({ event: 'on_chain_end', data: { output: 'Harrison worked at Kensho.' } });
  });
});
