import { map } from 'rxjs';
import { z } from 'zod';
import {
  ChatPromptTemplate,
  DynamicTool,
  HashingEmbeddings,
  JsonOutputParser,
  MemoryVectorStore,
  PromptTemplate,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  StructuredOutputParser,
  StructuredTool,
  tool,
  VectorStoreRetriever,
  type Runnable,
} from 'rxchain';
import { FakeListChatModel, ScriptedChatModel } from 'rxchain/testing';
import type { Node, Root } from './aggregationShapes';
import { commonStep, echoModel } from './chainSteps';
import { JsonLikeCumulative } from './cumulative';
import { toolboxStep } from './toolboxChains';
import { textRoot, textStep } from './textChains';

/**
 * The runnables behind the random chain shapes of spec/support/aggregationShapes.ts, for the
 * aggregation properties.
 */

type StringStep = Runnable<string, string>;

/** A step that fails its first call of every two with a retryable error, before any chunk. */
function flakyBeforeFirstChunk(inner: StringStep): StringStep {
  let calls = 0;
  const gate = RunnableLambda.from(
    function gate(x: string): string {
      calls++;
      if (calls % 2 === 1) throw Object.assign(new Error('connection reset'), { isRetryable: true });
      return x;
    },
    { name: 'gate' },
  );
  return gate.pipe(inner);
}

function toObject(): Runnable<string, { q: string }> {
  return RunnableLambda.from(
    function toObject(x: string) {
      return { q: x };
    },
    { name: 'toObject' },
  );
}

function join(): Runnable<Record<string, unknown>, string> {
  return RunnableLambda.from(
    function join(outputs: Record<string, unknown>) {
      return Object.keys(outputs)
        .sort()
        .map((key) => `${key}=${String(outputs[key])}`)
        .join('|');
    },
    { name: 'join' },
  );
}

function branches(nodes: readonly Node[]): Record<string, StringStep> {
  return Object.fromEntries(nodes.map((branch, i) => [`b${i}`, build(branch)]));
}

function objectBranches(nodes: readonly Node[]): Record<string, Runnable<{ q: string }, string>> {
  return Object.fromEntries(
    nodes.map((branch, i) => [`b${i}`, RunnableLambda.from((input: { q: string }) => input.q).pipe(build(branch))]),
  );
}

/** The runnable a node stands for (a fresh one on every call: per-run counters start over). */
export function build(node: Node): StringStep {
  switch (node.kind) {
    case 'upper':
    case 'reverse':
    case 'passthrough':
      return commonStep(node.kind);
    case 'model':
    case 'prompt':
      return commonStep(node.kind, node.split);
    case 'stringPrompt':
      return RunnableSequence.from([
        toObject(),
        PromptTemplate.fromTemplate('Say {q}'),
        echoModel(node.split),
        new StringOutputParser(),
      ]) as StringStep;
    case 'fakeList':
      return new FakeListChatModel({ responses: ['fake reply'] }).pipe(new StringOutputParser());
    case 'letters':
      return RunnableLambda.from(
        async function* letters(input: AsyncIterable<string>) {
          for await (const text of input) yield* Array.from(text);
        },
        { name: 'letters' },
      );
    case 'dots':
      return RunnableLambda.fromOperator((input$) => input$.pipe(map((chunk: string) => `${chunk}.`)));
    case 'cumulative':
      return new JsonLikeCumulative();
    case 'throw':
      return RunnableLambda.from(
        function fail(x: string): string {
          throw new TypeError(`${node.message} (${String(x).length})`);
        },
        { name: 'fail' },
      );
    case 'sequence': {
      const [first, ...rest] = node.steps.map(build);
      return RunnableSequence.from([first as StringStep, ...rest]) as StringStep;
    }
    case 'map':
      return RunnableSequence.from([RunnableMap.from(branches(node.branches)), join()]) as StringStep;
    case 'assign':
      return RunnableSequence.from([
        toObject(),
        RunnablePassthrough.assign(objectBranches(node.branches)),
        join(),
      ]) as StringStep;
    case 'retry':
      return flakyBeforeFirstChunk(build(node.inner)).withRetry({ stopAfterAttempt: 2 });
    case 'fallbacks': {
      const primary = RunnableLambda.from(
        function primary(): string {
          throw new Error('primary down');
        },
        { name: 'primary' },
      );
      return primary.withFallbacks([build(node.inner)]);
    }
    case 'bound':
      return build(node.inner).withConfig({ tags: ['bound'], runName: 'bound' });
    case 'toolbox':
      return toolboxStep(node.which, build(node.inner));
    case 'text':
      return textStep(node.which);
  }
}

const countrySchema = z.object({ name: z.string(), population: z.number() });
const COUNTRY = '{"name": "France", "population": 68170000}';

/** The runnable a root stands for, and how to make its input from a string. */
export async function buildRoot(
  root: Root,
): Promise<{ runnable: Runnable<never, unknown>; input: (x: string) => unknown }> {
  const text = (x: string): string => x;
  const object = (x: string): { q: string } => ({ q: x });
  switch (root.kind) {
    case 'chain':
      return { runnable: build(root.node), input: text };
    case 'rawMap':
      return { runnable: RunnableMap.from(branches(root.branches)), input: text };
    case 'rawAssign':
      return { runnable: RunnablePassthrough.assign(objectBranches(root.branches)), input: object };
    case 'rawModel':
      return { runnable: echoModel(root.split), input: text };
    case 'json':
    case 'jsonPatch':
    case 'structured': {
      const model = new ScriptedChatModel({ responses: [COUNTRY], split: root.split });
      const parser =
        root.kind === 'structured'
          ? StructuredOutputParser.fromZodSchema(countrySchema)
          : new JsonOutputParser({ diff: root.kind === 'jsonPatch' });
      return { runnable: model.pipe(parser), input: text };
    }
    case 'chatPrompt':
      return {
        runnable: ChatPromptTemplate.fromMessages([
          ['system', 'Be brief'],
          ['human', '{q}'],
        ]),
        input: object,
      };
    case 'stringPromptValue':
      return { runnable: PromptTemplate.fromTemplate('Say {q}'), input: object };
    case 'tool':
      return {
        runnable: tool(({ q }) => q.length, {
          name: 'len',
          description: 'Length',
          schema: z.object({ q: z.string() }),
        }),
        input: object,
      };
    case 'dynamicTool':
      return {
        runnable: new DynamicTool({ name: 'shout', description: 'Shouts', func: async (x: string) => x.toUpperCase() }),
        input: text,
      };
    case 'toolClass':
      return {
        runnable: new StructuredTool({
          name: 'echo',
          description: 'Echoes',
          schema: z.object({ q: z.string() }),
          func: ({ q }) => ({ echoed: q }),
        }),
        input: object,
      };
    case 'retriever': {
      const store = new MemoryVectorStore(new HashingEmbeddings());
      await store.addDocuments([
        { pageContent: 'harrison worked at kensho', metadata: { n: 1 } },
        { pageContent: 'bears like honey', metadata: { n: 2 } },
      ]);
      return { runnable: new VectorStoreRetriever({ vectorStore: store, k: 1 }), input: text };
    }
    case 'textRoot':
      return { runnable: textRoot(root.which), input: text };
  }
}
