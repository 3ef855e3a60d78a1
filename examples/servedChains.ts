/**
 * The demo chains `npm run serve` serves (and the load test runs): a joke chain, a JSON
 * countries chain and a retrieval chain, on the built-in scripted model.
 */
import {
  ChatPromptTemplate,
  HashingEmbeddings,
  JsonOutputParser,
  MemoryVectorStore,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  toFetchHandler,
  type BaseChatModel,
  type Document,
  type FetchHandler,
  type ServeOptions,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { z } from 'zod';

/** One served chain: where it is served, its handler, and an example input. */
export interface DemoChain {
  readonly basePath: string;
  readonly handler: FetchHandler;
  /** An example input, for the printed curl lines. */
  readonly example: unknown;
}

/** Options every demo handler shares. */
export type CommonOptions = Pick<ServeOptions, 'heartbeatInterval' | 'onError' | 'config' | 'resumable'>;

/** The scripted model: answers by what the prompt asks, `delay` ms between tokens. */
export function scriptedModel(delay: number): BaseChatModel {
  return new ScriptedChatModel({
    name: 'scripted-chat',
    delay,
    responses: (messages) => {
      const prompt = messages.map((m) => m.text).join('\n');
      if (prompt.includes('joke')) {
        const topic = /joke about (.+)$/m.exec(prompt)?.[1] ?? 'that';
        return `Why did the ${topic} cross the road? To get to the other side of the stream!`;
      }
      if (prompt.includes('countries')) {
        return '{"countries": [{"name": "France", "population": 68170000}, {"name": "Spain", "population": 48590000}, {"name": "Japan", "population": 124500000}]}';
      }
      if (prompt.includes('kensho')) return 'Harrison worked at Kensho.';
      return 'I do not know: the context does not say.';
    },
  });
}

/** The joke chain: `{ topic }` → text. */
export function jokeChain(model: BaseChatModel) {
  return ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}').pipe(model).pipe(new StringOutputParser());
}

/** The countries chain: `{ continent }` → a JSON object that fills in as it streams. */
export function countriesChain(model: BaseChatModel) {
  return ChatPromptTemplate.fromTemplate(
    'Output a list of the countries of {continent} and their populations in JSON: {{"countries": [{{"name": ..., "population": ...}}]}}',
  )
    .pipe(model)
    .pipe(new JsonOutputParser());
}

/** The retrieval chain: a question → an answer from the one document most like it. */
export async function retrievalChain(model: BaseChatModel) {
  const vectorstore = await MemoryVectorStore.fromTexts(
    ['harrison worked at kensho', 'harrison likes spicy food', 'bears like to eat honey'],
    [{}, {}, {}],
    new HashingEmbeddings(),
  );
  const formatDocs = (docs: Document[]): string => docs.map((doc) => doc.pageContent).join('\n-----\n');
  return RunnableSequence.from([
    { context: vectorstore.asRetriever({ k: 1 }).pipe(formatDocs), question: new RunnablePassthrough<string>() },
    ChatPromptTemplate.fromTemplate(
      'Answer the question based only on the following context:\n{context}\n\nQuestion: {question}\n',
    ),
    model,
    new StringOutputParser(),
  ]);
}

/** Builds the three demo chains on `model`, served under `/joke`, `/countries` and `/rag`. */
export async function demoChains(model: BaseChatModel, common: CommonOptions = {}): Promise<DemoChain[]> {
  const countries = countriesChain(model);
  const retrieval = await retrievalChain(model);

  return [
    {
      basePath: '/joke',
      handler: toFetchHandler(jokeChain(model), {
        ...common,
        basePath: '/joke',
        inputSchema: z.object({ topic: z.string() }),
        outputSchema: z.string(),
      }),
      example: { topic: 'parrots' },
    },
    {
      basePath: '/countries',
      handler: toFetchHandler(countries, {
        ...common,
        basePath: '/countries',
        inputSchema: z.object({ continent: z.string() }),
      }),
      example: { continent: 'Europe' },
    },
    {
      basePath: '/rag',
      handler: toFetchHandler(retrieval, {
        ...common,
        basePath: '/rag',
        inputSchema: z.string(),
        outputSchema: z.string(),
      }),
      example: 'where did harrison work?',
    },
  ];
}
