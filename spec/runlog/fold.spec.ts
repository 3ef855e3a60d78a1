import fc from 'fast-check';
import { asyncScheduler, lastValueFrom, map, materialize, toArray, type SchedulerLike } from 'rxjs';
import {
  applyPatch,
  RunLog,
  RunnableLambda,
  RunnableMap,
  RunnableSequence,
  sequentialIds,
  type Operation,
  type Runnable,
  type RunLogPatch,
  type RunState,
} from 'rxchain';
import { type TokenSplit } from 'rxchain/testing';
import { commonStep, echoModel } from '../support/chainSteps';
import { JsonLikeCumulative } from '../support/cumulative';

/** A chain, as data: every node maps a string to a string. */
type Node =
  | { readonly kind: 'upper' | 'reverse' | 'letters' | 'dots' | 'passthrough' | 'cumulative' }
  | { readonly kind: 'model' | 'prompt'; readonly split: TokenSplit }
  | { readonly kind: 'throw'; readonly message: string }
  | { readonly kind: 'sequence'; readonly steps: readonly Node[] }
  | { readonly kind: 'map'; readonly branches: readonly Node[] };

/** The root: a chain, a bare map of chains (object output), or a bare model (message output). */
type Root =
  | { readonly kind: 'chain'; readonly node: Node }
  | { readonly kind: 'rawMap'; readonly branches: readonly Node[] }
  | { readonly kind: 'rawModel'; readonly split: TokenSplit };

const split = fc.constantFrom<TokenSplit>('word', 'char', 'none');
const leaf: fc.Arbitrary<Node> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<Node>(
      { kind: 'upper' },
      { kind: 'reverse' },
      { kind: 'letters' },
      { kind: 'dots' },
      { kind: 'passthrough' },
      { kind: 'cumulative' },
    ),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('model' as const, 'prompt' as const), split }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('throw' as const), message: fc.string({ maxLength: 8 }) }) },
);
const { node: nodeArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'chain' },
    leaf,
    fc.record({ kind: fc.constant('sequence' as const), steps: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('map' as const), branches: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
}));
const rootArb: fc.Arbitrary<Root> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('chain' as const), node: nodeArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rawMap' as const),
      branches: fc.array(nodeArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rawModel' as const), split }) },
);

function build(node: Node): Runnable<string, string> {
  switch (node.kind) {
    case 'upper':
    case 'reverse':
    case 'passthrough':
      return commonStep(node.kind);
    case 'model':
    case 'prompt':
      return commonStep(node.kind, node.split);
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
      return RunnableSequence.from([first as Runnable<string, string>, ...rest]) as Runnable<string, string>;
    }
    case 'map':
      return RunnableSequence.from([
        RunnableMap.from(branches(node.branches)),
        RunnableLambda.from(
          function joinBranches(outputs: Record<string, unknown>) {
            return Object.values(outputs).join('|');
          },
          { name: 'joinBranches' },
        ),
      ]) as Runnable<string, string>;
  }
}

function branches(nodes: readonly Node[]): Record<string, Runnable<string, string>> {
  return Object.fromEntries(nodes.map((branch, i) => [`b${i}`, build(branch)]));
}

function buildRoot(root: Root): Runnable<string, unknown> {
  switch (root.kind) {
    case 'chain':
      return build(root.node);
    case 'rawMap':
      return RunnableMap.from(branches(root.branches)) as Runnable<string, unknown>;
    case 'rawModel':
      return echoModel(root.split) as Runnable<string, unknown>;
  }
}

/** The outcome of a promise: its value, or its error. */
async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

function fold(patches: readonly RunLogPatch[]): RunLog {
  const [first, ...rest] = patches;
  if (first === undefined) throw new Error('no patches');
  return rest.reduce<RunLog>((log, patch) => log.concat(patch), RunLog.fromRunLogPatch(first));
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('folding the run log', () => {
  it('should give invoke’s result as final_output and as the concatenation of streamed_output, for random chains', async () => {
    let failed = 0;
    let streamedMany = 0;
    await fc.assert(
      fc.asyncProperty(rootArb, fc.string({ maxLength: 10 }), async (root, input) => {
        const invoked = await settle(buildRoot(root).invoke(input));
        const runnable = buildRoot(root);
        const notifications = await lastValueFrom(
          runnable.log$(input, { idGenerator: sequentialIds() }).pipe(materialize(), toArray()),
        );
        const patches = notifications.flatMap((n) => (n.kind === 'N' ? [n.value] : []));
        const last = notifications.at(-1);
        const state = fold(patches).state;
        expect(state.logs).toBeDefined();

        if (invoked.ok) {
          expect(last?.kind).toBe('C');
          expect(state.final_output).toEqual(invoked.value);
          const [, ...more] = state.streamed_output;
          const added = runnable.outputAccumulator();
          state.streamed_output.forEach((chunk) => added.add(chunk));
          expect(added.value()).toEqual(invoked.value);
          if (more.length > 0) streamedMany++;
          expect(state.error).toBeUndefined();
        } else {
          failed++;
          expect(last?.kind).toBe('E');
          const error = last?.kind === 'E' ? (last.error as Error) : undefined;
          expect(error?.name).toBe((invoked.error as Error).name);
          expect(error?.message).toBe((invoked.error as Error).message);
          expect(state.error).toEqual({ name: error?.name, message: error?.message });
          expect(state.final_output).toBeUndefined();
        }

        // After a success every sub-run has ended. (After a failure, a branch cancelled
        // because its sibling failed reports nothing more, as in streamEvents.)
        if (invoked.ok)
          for (const entry of Object.values(state.logs)) expect(entry.end_time).toEqual(expect.any(String));

        // The patches survive JSON: sent over the wire and folded, they give the state's JSON.
        const wire = json(patches.map((p) => p.ops)) as Operation[][];
        const remote = wire.reduce<unknown>((doc, ops) => applyPatch(doc, ops), {});
        expect(remote).toEqual(json(state));
      }),
      // Seeded: the coverage checks below count what the generator produced.
      { seed: 424242, numRuns: 150 },
    );
    // The generator must exercise failures and multi-chunk streams.
    expect(failed).toBeGreaterThan(5);
    expect(streamedMany).toBeGreaterThan(20);
  });

  it('should build the same state with { diff: false } as by folding the patches', async () => {
    await fc.assert(
      fc.asyncProperty(rootArb, fc.string({ maxLength: 6 }), async (root, input) => {
        const clock: SchedulerLike = { now: () => 0, schedule: asyncScheduler.schedule.bind(asyncScheduler) };
        const run = (diff: boolean) =>
          lastValueFrom(
            buildRoot(root)
              .log$(input, { idGenerator: sequentialIds(), diff, scheduler: clock })
              .pipe(materialize(), toArray()),
          );
        const [patches, logs] = await Promise.all([run(true), run(false)]);
        const values = (ns: typeof patches) => ns.flatMap((n) => (n.kind === 'N' ? [n.value] : []));
        const lastLog = values(logs).at(-1) as RunLog;
        const state: RunState = fold(values(patches)).state;
        expect(lastLog.state).toEqual(state);
        expect(values(logs)).toHaveLength(values(patches).length);
      }),
      { numRuns: 50 },
    );
  });
});
