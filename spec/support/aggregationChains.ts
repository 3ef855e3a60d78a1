import fc from 'fast-check';
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
import { FakeListChatModel, ScriptedChatModel, type TokenSplit } from 'rxchain/testing';
import { commonStep, echoModel } from './chainSteps';
import { JsonLikeCumulative } from './cumulative';
import { TOOLBOX_KINDS, toolboxCumulative, toolboxStep, type ToolboxKind } from './toolboxChains';
import {
  TEXT_KINDS,
  TEXT_ROOT_KINDS,
  textCumulative,
  textRoot,
  textRootCumulative,
  textStep,
  type TextKind,
  type TextRootKind,
} from './textChains';

/**
 * Random chains made of every kind of runnable rxchain exports, for the aggregation
 * properties: a `Node` maps a string to a string (so nodes nest anywhere), a `Root` may
 * end in any output type (messages, JSON, prompt values, documents, tool results).
 */
export type Node =
  | { readonly kind: 'upper' | 'reverse' | 'letters' | 'dots' | 'passthrough' | 'cumulative' | 'fakeList' }
  | { readonly kind: 'model' | 'prompt' | 'stringPrompt'; readonly split: TokenSplit }
  | { readonly kind: 'throw'; readonly message: string }
  | { readonly kind: 'text'; readonly which: TextKind }
  | { readonly kind: 'sequence'; readonly steps: readonly Node[] }
  | { readonly kind: 'map' | 'assign'; readonly branches: readonly Node[] }
  | { readonly kind: 'retry' | 'fallbacks' | 'bound'; readonly inner: Node }
  | { readonly kind: 'toolbox'; readonly which: ToolboxKind; readonly inner: Node };

export type Root =
  | { readonly kind: 'chain'; readonly node: Node }
  | { readonly kind: 'rawMap' | 'rawAssign'; readonly branches: readonly Node[] }
  | { readonly kind: 'rawModel' | 'json' | 'jsonPatch' | 'structured'; readonly split: TokenSplit }
  | { readonly kind: 'chatPrompt' | 'stringPromptValue' | 'tool' | 'dynamicTool' | 'toolClass' | 'retriever' }
  | { readonly kind: 'textRoot'; readonly which: TextRootKind };

const split = fc.constantFrom<TokenSplit>('word', 'char', 'none');
const leaf: fc.Arbitrary<Node> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.constantFrom<Node>(
      { kind: 'upper' },
      { kind: 'reverse' },
      { kind: 'letters' },
      { kind: 'dots' },
      { kind: 'passthrough' },
      { kind: 'cumulative' },
      { kind: 'fakeList' },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('model' as const, 'prompt' as const, 'stringPrompt' as const),
      split,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('throw' as const), message: fc.string({ maxLength: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), which: fc.constantFrom(...TEXT_KINDS) }) },
);

/** Nodes nested up to three deep: sequences, maps, assigns, retries, fallbacks, bindings. */
export const { node: nodeArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'chain' },
    leaf,
    fc.record({ kind: fc.constant('sequence' as const), steps: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({
      kind: fc.constantFrom('map' as const, 'assign' as const),
      branches: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constantFrom('retry' as const, 'fallbacks' as const, 'bound' as const), inner: tie('node') }),
    fc.record({ kind: fc.constant('toolbox' as const), which: fc.constantFrom(...TOOLBOX_KINDS), inner: tie('node') }),
  ),
}));

export const rootArb: fc.Arbitrary<Root> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('chain' as const), node: nodeArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('rawMap' as const, 'rawAssign' as const),
      branches: fc.array(nodeArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('rawModel' as const, 'json' as const, 'jsonPatch' as const, 'structured' as const),
      split,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Root>(
      { kind: 'chatPrompt' },
      { kind: 'stringPromptValue' },
      { kind: 'tool' },
      { kind: 'dynamicTool' },
      { kind: 'toolClass' },
      { kind: 'retriever' },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('textRoot' as const), which: fc.constantFrom(...TEXT_ROOT_KINDS) }),
  },
);

type StringStep = Runnable<string, string>;

/** A step that fails its first call of every two with a retryable error, before any chunk. */
function flakyBeforeFirstChunk(inner: StringStep): StringStep {
  let calls = 0;
  const gate = RunnableLambda.from(function gate(x: string): string {
    calls++;
    if (calls % 2 === 1) throw Object.assign(new Error('connection reset'), { isRetryable: true });
    return x;
  });
  return gate.pipe(inner);
}

function toObject(): Runnable<string, { q: string }> {
  return RunnableLambda.from(function toObject(x: string) {
    return { q: x };
  });
}

function join(): Runnable<Record<string, unknown>, string> {
  return RunnableLambda.from(function join(outputs: Record<string, unknown>) {
    return Object.keys(outputs)
      .sort()
      .map((key) => `${key}=${String(outputs[key])}`)
      .join('|');
  });
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
      return RunnableLambda.from(async function* letters(input: AsyncIterable<string>) {
        for await (const text of input) yield* Array.from(text);
      });
    case 'dots':
      return RunnableLambda.fromOperator((input$) => input$.pipe(map((chunk: string) => `${chunk}.`)));
    case 'cumulative':
      return new JsonLikeCumulative();
    case 'throw':
      return RunnableLambda.from(function fail(x: string): string {
        throw new TypeError(`${node.message} (${String(x).length})`);
      });
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
      const primary = RunnableLambda.from(function primary(): string {
        throw new Error('primary down');
      });
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

/** Whether a root's output is cumulative (its aggregate is its last chunk, not their concat). */
export function isCumulative(root: Root): boolean {
  if (root.kind === 'json' || root.kind === 'structured') return true;
  if (root.kind === 'textRoot') return textRootCumulative(root.which);
  return root.kind === 'chain' && endsCumulative(root.node);
}

function endsCumulative(node: Node): boolean {
  switch (node.kind) {
    case 'cumulative':
      return true;
    case 'sequence': {
      // A passthrough at the end passes on what the step before it made.
      const steps = node.steps.filter((step, i) => i === 0 || step.kind !== 'passthrough');
      return endsCumulative(steps[steps.length - 1] as Node);
    }
    case 'retry':
    case 'fallbacks':
    case 'bound':
      return endsCumulative(node.inner);
    case 'toolbox':
      return toolboxCumulative(node.which, endsCumulative(node.inner));
    case 'text':
      return textCumulative(node.which);
    default:
      return false;
  }
}
