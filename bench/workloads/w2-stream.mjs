// Workload 2: stream() of `prompt | model | StringOutputParser`: chunks/s, and the time from
// the call to the first chunk (warm).
import { performance } from 'node:perf_hooks';
import { alternate, fmt, median, medians, ratio, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorJokeStream$, toAsyncIterable } from '../lib/floor.mjs';
import { lcJokeChain, rxJokeChain, rxPushJokeChain } from '../lib/subjects.mjs';

export const title = '2. stream() of prompt | model | parser';

const INPUT = { topic: 'parrots' };

/** The three subjects' `stream()` for `n` tokens, each an async iterable of strings. */
export function jokeSubjects(n) {
  const input = tokens(n);
  const rx = rxJokeChain(input);
  const lc = lcJokeChain(input);
  return {
    floor: async () => toAsyncIterable(floorJokeStream$(input, INPUT.topic)),
    rxchain: () => rx.stream(INPUT),
    langchain: () => lc.stream(INPUT),
  };
}

async function drain(open) {
  let count = 0;
  for await (const _chunk of await open()) count++;
  return count;
}

async function firstChunk(open, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const iterator = (await open())[Symbol.asyncIterator]();
    await iterator.next();
    times.push(performance.now() - start);
    try {
      await iterator.return?.();
    } catch {
      // A library that throws on early return still gave its first chunk; the time stands.
    }
  }
  return median(times);
}

export async function run({ quick }) {
  const sizes = quick ? [1_000, 20_000] : [1_000, 100_000];
  const figures = {};
  const rows = [];
  for (const n of sizes) {
    const open = jokeSubjects(n);
    const subjects = Object.entries(open).map(([name, fn]) => ({ name, run: () => timeIt(() => drain(fn)) }));
    const samples = await alternate(subjects, { rounds: quick ? 3 : 7, warmup: 1 });
    const perSecond = Object.fromEntries(subjects.map(({ name }) => [name, n / (medians(samples[name]) / 1000)]));
    figures[n] = { chunksPerSecond: perSecond };
    rows.push([
      `chunks/s, N=${n.toLocaleString('en-US')}`,
      fmt(perSecond.floor),
      fmt(perSecond.rxchain),
      fmt(perSecond.langchain),
      ratio(perSecond.floor / perSecond.rxchain),
      ratio(perSecond.rxchain / perSecond.langchain),
    ]);
  }
  // Time from the call to the first chunk, warm: with a one-token reply (the setup latency
  // of the pipeline) and with a synchronous 100,000-token reply. rxchain's model produces
  // through `fromIterable`, which pauses while the consumer holds unread chunks; the push
  // variant (a plain Observable emitting everything inside `subscribe`) and the floor's
  // push adapter produce, and buffer, the whole reply before the first read returns.
  for (const n of [1, 100_000]) {
    const open = jokeSubjects(n);
    if (n > 1) {
      const push = rxPushJokeChain(tokens(n));
      open.rxchainPush = () => push.stream(INPUT);
    }
    const calls = n === 1 ? (quick ? 30 : 100) : quick ? 5 : 15;
    const firstSamples = await alternate(
      Object.entries(open).map(([name, fn]) => ({ name, run: () => firstChunk(fn, calls) })),
      { rounds: quick ? 3 : 5, warmup: 1 },
    );
    const first = Object.fromEntries(Object.keys(open).map((name) => [name, medians(firstSamples[name])]));
    figures[`firstChunkMs${n}`] = first;
    rows.push([
      `first chunk, ms (warm), ${n === 1 ? 'one-token reply' : 'synchronous 100,000-token reply'}`,
      fmt(first.floor),
      n === 1 ? fmt(first.rxchain) : `${fmt(first.rxchain)} (push model: ${fmt(first.rxchainPush)})`,
      fmt(first.langchain),
      ratio(first.floor / first.rxchain),
      ratio(first.langchain / first.rxchain),
    ]);
  }
  const ttfc = figures.firstChunkMs100000;
  const big = figures[sizes[1]].chunksPerSecond;
  return {
    figures,
    markdown: table(
      [
        'measure',
        'floor (RxJS + AsyncIterable)',
        'rxchain',
        'LangChain.js',
        'rxchain slower than floor',
        'rxchain faster than LangChain',
      ],
      rows,
    ),
    targets: [
      {
        target: `stream(), ${sizes[1].toLocaleString('en-US')} tokens, vs LangChain.js: >= 60x`,
        value: big.rxchain / big.langchain,
        unit: 'x',
        met: big.rxchain / big.langchain >= 60,
      },
      {
        target: `stream() vs raw RxJS + AsyncIterable floor, ${sizes[1].toLocaleString('en-US')} tokens: <= 2x`,
        value: big.floor / big.rxchain,
        unit: 'x',
        met: big.floor / big.rxchain <= 2,
      },
      {
        target: "TTFC, sync 100k-token model, vs LangChain.js: <= 1.5x LangChain's",
        value: ttfc.rxchain / ttfc.langchain,
        unit: 'x',
        met: ttfc.rxchain / ttfc.langchain <= 1.5,
      },
    ],
  };
}
