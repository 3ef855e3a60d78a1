// Workload 6: per-step overhead. `model | 1 identity step` against `model | 10 identity
// steps` over 10,000 chunks: the difference is nine steps' cost, reported per chunk per step.
// rxchain's identity step is an RxJS operator (`RunnableLambda.fromOperator`); its
// async-generator step (`RunnableLambda.from(async function* ...)`) is measured too, against
// two floors measured in the same process: one plain async-generator hop, and an async
// generator run between RxJS steps with no library (a pull queue in, a pump out).
import { alternate, fmt, medians, ratio, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorGeneratorHops, floorGeneratorSteps$, floorIdentity$, toAsyncIterable } from '../lib/floor.mjs';
import { lcIdentityChain, rxGeneratorChain, rxIdentityChain } from '../lib/subjects.mjs';

export const title = '6. Per-step overhead: 1 vs 10 identity streaming steps';

const REPEAT = 5;

export async function run({ quick }) {
  const n = 10_000;
  const input = tokens(n);
  const chains = {
    floor: (steps) => async () => toAsyncIterable(floorIdentity$(input, steps)),
    'floor: async generator hop': (steps) => async () => floorGeneratorHops(input, steps),
    'floor: async generator between RxJS steps': (steps) => async () =>
      toAsyncIterable(floorGeneratorSteps$(input, steps)),
    rxchain: (steps) => {
      const chain = rxIdentityChain(input, steps);
      return () => chain.stream('');
    },
    'rxchain async generator': (steps) => {
      const chain = rxGeneratorChain(input, steps);
      return () => chain.stream('');
    },
    langchain: (steps) => {
      const chain = lcIdentityChain(input, steps);
      return () => chain.stream('');
    },
  };
  const subjects = [];
  for (const [name, make] of Object.entries(chains)) {
    for (const steps of [1, 10]) {
      const open = make(steps);
      subjects.push({
        name: `${name} ${steps}`,
        // Five runs per sample, so the difference between 1 and 10 steps stands above timer noise.
        run: () =>
          timeIt(async () => {
            for (let i = 0; i < REPEAT; i++) for await (const _chunk of await open());
          }),
      });
    }
  }
  const samples = await alternate(subjects, { rounds: quick ? 3 : 9, warmup: 1 });
  const figures = {};
  const rows = [];
  for (const name of Object.keys(chains)) {
    const one = medians(samples[`${name} 1`]);
    const ten = medians(samples[`${name} 10`]);
    figures[name] = { oneStepMs: one, tenStepsMs: ten, nsPerChunkPerStep: ((ten - one) * 1e6) / (9 * n * REPEAT) };
    rows.push([name, fmt(one / REPEAT), fmt(ten / REPEAT), fmt(figures[name].nsPerChunkPerStep)]);
  }
  const generator = figures['rxchain async generator'].nsPerChunkPerStep;
  const hop = figures['floor: async generator hop'].nsPerChunkPerStep;
  const between = figures['floor: async generator between RxJS steps'].nsPerChunkPerStep;
  return {
    figures,
    markdown:
      table(['subject', '1 step, ms', '10 steps, ms', 'ns per chunk per step'], rows) +
      '\n\nA step of 10 ns or less is within the noise of iterating the stream: the figures can come out slightly negative.' +
      ` rxchain's async-generator step is ${ratio(generator / hop)} one plain async-generator hop and` +
      ` ${ratio(generator / between)} an async generator between RxJS steps with no library (same process).`,
    targets: [
      {
        target: 'RxJS-operator step per chunk: <= 100 ns',
        value: figures.rxchain.nsPerChunkPerStep,
        unit: 'ns',
        met: figures.rxchain.nsPerChunkPerStep <= 100,
      },
      {
        target: 'async-generator step per chunk: <= 300 ns',
        value: figures['rxchain async generator'].nsPerChunkPerStep,
        unit: 'ns',
        met: figures['rxchain async generator'].nsPerChunkPerStep <= 300,
      },
    ],
  };
}
