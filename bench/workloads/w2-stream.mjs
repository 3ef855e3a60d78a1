// Workload 2: stream() of `prompt | model | StringOutputParser`: chunks/s, and the time from
// the call to the first chunk (warm).
import { performance } from 'node:perf_hooks';
import { alternate, fmt, median, medians, ratio, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorJokeStream$, toAsyncIterable } from '../lib/floor.mjs';
import { lcJokeChain, rxJokeChain } from '../lib/subjects.mjs';

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
  // First chunk of a one-token reply: the setup latency of the pipeline. With a synchronous
  // 1,000-token reply a push-based subject has produced (and buffered) the whole reply by the
  // time the first read returns, so that row measures production, not latency.
  const calls = quick ? 30 : 100;
  for (const n of [1, 1_000]) {
    const open = jokeSubjects(n);
    const firstSamples = await alternate(
      Object.entries(open).map(([name, fn]) => ({ name, run: () => firstChunk(fn, calls) })),
      { rounds: quick ? 3 : 7, warmup: 1 },
    );
    const first = Object.fromEntries(Object.keys(open).map((name) => [name, medians(firstSamples[name])]));
    figures[`firstChunkMs${n}`] = first;
    rows.push([
      `first chunk, ms (warm), ${n === 1 ? 'one-token reply' : 'synchronous 1,000-token reply'}`,
      fmt(first.floor),
      fmt(first.rxchain),
      fmt(first.langchain),
      ratio(first.rxchain / first.floor),
      ratio(first.langchain / first.rxchain),
    ]);
  }
  const first = figures.firstChunkMs1;
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
        target: `stream() ${sizes[1].toLocaleString('en-US')} tokens: >= 30x LangChain`,
        value: big.rxchain / big.langchain,
        unit: 'x',
        met: big.rxchain / big.langchain >= 30,
      },
      {
        target: `stream() ${sizes[1].toLocaleString('en-US')} tokens: <= 3x slower than the floor`,
        value: big.floor / big.rxchain,
        unit: 'x',
        met: big.floor / big.rxchain <= 3,
      },
      {
        target: 'first chunk (one-token reply) <= 0.03 ms',
        value: first.rxchain,
        unit: 'ms',
        met: first.rxchain <= 0.03,
      },
    ],
  };
}
