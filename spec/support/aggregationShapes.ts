import fc from 'fast-check';
import type { TokenSplit } from 'rxchain/testing';
import { TOOLBOX_KINDS, toolboxCumulative, type ToolboxKind } from './toolboxChains';
import {
  TEXT_KINDS,
  TEXT_ROOT_KINDS,
  textCumulative,
  textRootCumulative,
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
