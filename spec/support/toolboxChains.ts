import {
  InMemoryChatMessageHistory,
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
import { commonStep } from './chainSteps';

/** The toolbox compositions the aggregation properties wrap around a random node. */
export type ToolboxKind =
  'branch' | 'branchDefault' | 'pick' | 'each' | 'router' | 'passthroughFunc' | 'history' | 'listeners';

export const TOOLBOX_KINDS: readonly ToolboxKind[] = [
  'branch',
  'branchDefault',
  'pick',
  'each',
  'router',
  'passthroughFunc',
  'history',
  'listeners',
];

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
