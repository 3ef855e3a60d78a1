import { z } from 'zod';
import {
  DynamicStructuredTool,
  InMemoryChatMessageHistory,
  StringOutputParser,
  Tool,
  type Document,
  RouterRunnable,
  RunnableBranch,
  RunnableEach,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnablePick,
  RunnableSequence,
  RunnableWithMessageHistory,
  type Runnable,
} from 'rxchain';
import { FakeRetriever, FakeStreamingChatModel, FakeTool } from 'rxchain/testing';
import { commonStep } from './chainSteps';

/** The toolbox compositions the aggregation properties wrap around a random node. */
export type ToolboxKind =
  | 'branch'
  | 'branchDefault'
  | 'pick'
  | 'each'
  | 'router'
  | 'passthroughFunc'
  | 'history'
  | 'listeners'
  | 'stringTool'
  | 'structuredTool'
  | 'fakeStreaming'
  | 'fakeRetriever'
  | 'fakeTool';

export const TOOLBOX_KINDS: readonly ToolboxKind[] = [
  'branch',
  'branchDefault',
  'pick',
  'each',
  'router',
  'passthroughFunc',
  'history',
  'listeners',
  'stringTool',
  'structuredTool',
  'fakeStreaming',
  'fakeRetriever',
  'fakeTool',
];

class Bracket extends Tool {
  name = 'bracket';
  description = 'Puts a text in brackets';
  async _call(input: string): Promise<string> {
    return `[${input}]`;
  }
}

type StringStep = Runnable<string, string>;

/** A string-to-string step made of the toolbox composition `kind` around `inner`. */
export function toolboxStep(kind: ToolboxKind, inner: StringStep): StringStep {
  switch (kind) {
    case 'branch':
      // Inputs of even length take `inner`, the others the default.
      return RunnableBranch.from<string, string>([[(x: string) => x.length % 2 === 0, inner], commonStep('upper')]);
    case 'branchDefault':
      return RunnableBranch.from<string, string>([[() => false, commonStep('reverse')], inner]);
    case 'pick':
      return RunnableSequence.from([
        RunnableMap.from({ v: inner, w: commonStep('upper') }),
        new RunnablePick('v'),
      ]) as StringStep;
    case 'each':
      return RunnableSequence.from([
        (x: string) => [x, `${x}!`],
        new RunnableEach({ bound: inner }),
        (outputs: string[]) => outputs.join('|'),
      ]) as StringStep;
    case 'router':
      return RunnableSequence.from([
        RunnableLambda.from((x: string) => ({ key: 'chosen', input: x })),
        new RouterRunnable<string, string>({ runnables: { chosen: inner, other: commonStep('upper') } }),
      ]) as StringStep;
    case 'passthroughFunc':
      return inner.pipe(new RunnablePassthrough<string>({ func: async () => undefined }));
    case 'stringTool':
      return inner.pipe(new Bracket()) as StringStep;
    case 'structuredTool':
      return RunnableSequence.from([
        inner,
        (x: string) => ({ q: x }),
        new DynamicStructuredTool({
          name: 'size',
          description: 'Size of a text',
          schema: z.object({ q: z.string() }),
          func: async ({ q }) => `${q.length}`,
        }),
      ]) as StringStep;
    case 'fakeStreaming':
      return RunnableSequence.from([
        inner,
        new FakeStreamingChatModel({ sleep: 0 }),
        new StringOutputParser(),
      ]) as StringStep;
    case 'fakeRetriever':
      return RunnableSequence.from([
        inner,
        new FakeRetriever(),
        (docs: Document[]) => docs.map((d) => d.pageContent).join(','),
      ]) as StringStep;
    case 'fakeTool':
      return RunnableSequence.from([
        inner,
        (x: string) => ({ q: x }),
        new FakeTool({ name: 'echo', description: 'Echoes', schema: z.object({ q: z.string() }) }),
      ]) as StringStep;
    case 'listeners':
      return inner.withListeners({ onStart: () => undefined, onEnd: async () => undefined });
    case 'history': {
      const history = new InMemoryChatMessageHistory();
      const withHistory = new RunnableWithMessageHistory<{ q: string }, string>({
        runnable: RunnableLambda.from((input: { q: string }) => input.q).pipe(inner),
        getMessageHistory: () => history,
        inputMessagesKey: 'q',
        historyMessagesKey: 'history',
        config: { configurable: { sessionId: 'property' } },
      });
      return RunnableSequence.from([(x: string) => ({ q: x }), withHistory]) as StringStep;
    }
  }
}

/** Whether the toolbox step's chunks are cumulative, given whether `inner`'s are. */
export function toolboxCumulative(kind: ToolboxKind, innerCumulative: boolean): boolean {
  return (
    (kind === 'pick' ||
      kind === 'passthroughFunc' ||
      kind === 'branchDefault' ||
      kind === 'history' ||
      kind === 'listeners') &&
    innerCumulative
  );
}
