// Records the (event, name) pairs LangChain.js emits from streamEvents v2 for a few chains,
// with scripted models, into spec/fixtures/langchain/eventOrder.json. rxchain's
// spec/conformance/eventOrder.spec.ts runs the same chains and compares.
//
//   npm install --prefix bench --no-audit --no-fund && node bench/conformance/eventOrder.mjs
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { RunnableLambda, RunnableParallel, RunnablePassthrough, RunnableSequence } from '@langchain/core/runnables';
import { DynamicTool } from '@langchain/core/tools';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';

const require = createRequire(import.meta.url);
const version = require('@langchain/core/package.json').version;

const REPLY = 'Mitochondria is the powerhouse of the cell.';
const TEXTS = ['mitochondria is the powerhouse of the cell', 'buildings are made of brick'];

const allDocuments = () => TEXTS.map((pageContent) => new Document({ pageContent }));

/** A retriever that returns every text, as the guide's two-document store does, from memory. */
class AllTextsRetriever extends BaseRetriever {
  lc_namespace = ['rxchain', 'conformance'];
  static lc_name() {
    return 'VectorStoreRetriever';
  }
  async _getRelevantDocuments() {
    return allDocuments();
  }
}

// The guide's store embeds the query with OpenAIEmbeddings, an HTTP call: this local server
// answers /v1/embeddings, and the retriever below makes that call before it answers.
const embeddingServer = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1, 0] }] }));
  });
});
await new Promise((resolve) => embeddingServer.listen(0, '127.0.0.1', resolve));
const embeddingsUrl = `http://127.0.0.1:${embeddingServer.address().port}/v1/embeddings`;

/** The same texts, after embedding the query over HTTP as the guide's vector store does. */
class EmbeddingRetriever extends BaseRetriever {
  lc_namespace = ['rxchain', 'conformance'];
  static lc_name() {
    return 'VectorStoreRetriever';
  }
  async _getRelevantDocuments(query) {
    const response = await fetch(embeddingsUrl, { method: 'POST', body: JSON.stringify({ input: [query] }) });
    await response.json();
    return allDocuments();
  }
}

async function record(chain, input) {
  const pairs = [];
  const inputs = {};
  for await (const event of chain.streamEvents(input, { version: 'v2' })) {
    pairs.push([event.event, event.name]);
    if (event.event.endsWith('_start') && event.data.input !== undefined && !(event.name in inputs)) {
      inputs[event.name] = JSON.parse(JSON.stringify(event.data.input));
    }
  }
  return { pairs, startInputs: inputs };
}

const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
const simple = await record(prompt.pipe(new FakeListChatModel({ responses: [REPLY] })).pipe(new StringOutputParser()), {
  topic: 'cells',
});

const template = `Answer the question based only on the following context:
{context}

Question: {question}
`;
const formatDocs = (docs) => docs.map((doc) => doc.pageContent).join('\n-----\n');
const retrievalChain = (retriever) =>
  RunnableSequence.from([
    { context: retriever.pipe(formatDocs), question: new RunnablePassthrough() },
    ChatPromptTemplate.fromTemplate(template),
    new FakeListChatModel({ responses: [REPLY] }),
    new StringOutputParser(),
  ]);
const question = 'What is the powerhouse of the cell?';
const retrieval = await record(retrievalChain(new EmbeddingRetriever()), question);
const retrievalInMemory = await record(retrievalChain(new AllTextsRetriever()), question);
embeddingServer.close();

// Chains that pin one rule each (see docs/migrating-from-langchain.md).
const upper = (text) => text.toUpperCase();
const asTopic = (text) => ({ topic: upper(text) });
const lambdaFirst = await record(
  RunnableSequence.from([RunnableLambda.from(asTopic), prompt, new FakeListChatModel({ responses: ['Hi'] })]),
  'cells',
);
const lambdaLast = await record(
  RunnableSequence.from([
    prompt,
    new FakeListChatModel({ responses: ['Hi'] }),
    new StringOutputParser(),
    RunnableLambda.from(upper),
  ]),
  { topic: 'cells' },
);
const toolAlone = await record(
  new DynamicTool({ name: 'shout', description: 'Upper-cases its input', func: async (text) => upper(text) }),
  'hi',
);
const retrieverAlone = await record(new AllTextsRetriever(), 'cells');
const promptAlone = await record(prompt, { topic: 'cells' });
const parallelModels = await record(
  RunnableParallel.from({
    first: new FakeListChatModel({ responses: ['ab'] }),
    second: new FakeListChatModel({ responses: ['cd'] }),
  }),
  'hi',
);
const fixture = {
  header:
    `Generated by bench/conformance/eventOrder.mjs from @langchain/core ${version} (streamEvents v2, ` +
    `FakeListChatModel replying ${JSON.stringify(REPLY)} one character per chunk; retrievalChain's ` +
    "retriever embeds the query over HTTP on 127.0.0.1, retrievalChainInMemory's answers from memory). " +
    'Do not edit by hand; ' +
    'rerun the script to refresh.',
  langchainCoreVersion: version,
  reply: REPLY,
  promptModelParser: simple,
  retrievalChain: retrieval,
  retrievalChainInMemory: retrievalInMemory,
  lambdaFirst,
  lambdaLast,
  toolAlone,
  retrieverAlone,
  promptAlone,
  parallelModels,
};
const out = fileURLToPath(new URL('../../spec/fixtures/langchain/eventOrder.json', import.meta.url));
writeFileSync(out, JSON.stringify(fixture, null, 2) + '\n');
console.log(`wrote ${out}`);
