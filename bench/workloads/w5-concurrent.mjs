// Workload 5: 1,000 concurrent 100-token stream() runs (Promise.all): wall time, peak heap
// growth per run, live heap per open stream, and heap retained after GC.
import { alternate, fmt, gc, medians, ratio, table, timeIt } from '../lib/harness.mjs';
import { jokeSubjects } from './w2-stream.mjs';

export const title = '5. 1,000 concurrent 100-token stream() runs';

const heap = () => process.memoryUsage().heapUsed;

/** Wall time of `runs` concurrent streams, sampling the heap as chunks arrive. */
async function concurrent(open, runs) {
  gc();
  const before = heap();
  let peak = before;
  let seen = 0;
  const ms = await timeIt(() =>
    Promise.all(
      Array.from({ length: runs }, async () => {
        for await (const _chunk of await open()) {
          if (++seen % 256 === 0) peak = Math.max(peak, heap());
        }
      }),
    ),
  );
  peak = Math.max(peak, heap());
  gc();
  const retained = heap() - before;
  return { ms, peakPerRunKB: (peak - before) / runs / 1024, retainedPerRunKB: retained / runs / 1024 };
}

/** Heap held per stream while `runs` streams are open (each has given its first chunk). */
async function openStreams(open, runs) {
  gc();
  const before = heap();
  const iterators = [];
  for (let i = 0; i < runs; i++) {
    const iterator = (await open())[Symbol.asyncIterator]();
    await iterator.next();
    iterators.push(iterator);
  }
  gc();
  const perStreamKB = (heap() - before) / runs / 1024;
  await Promise.all(iterators.map(async (iterator) => iterator.return?.().catch(() => undefined)));
  return perStreamKB;
}

export async function run({ quick }) {
  const runs = 1_000;
  const open = jokeSubjects(100);
  const subjects = Object.entries(open).map(([name, fn]) => ({ name, run: () => concurrent(fn, runs) }));
  const samples = await alternate(subjects, { rounds: quick ? 3 : 7, warmup: 1 });
  const figures = {};
  const rows = [];
  for (const [name, fn] of Object.entries(open)) {
    const m = medians(samples[name]);
    const perOpen = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) perOpen.push(await openStreams(fn, runs));
    figures[name] = { ...m, openStreamKB: medians(perOpen) };
    rows.push([name, fmt(m.ms), fmt(m.peakPerRunKB), fmt(figures[name].openStreamKB), fmt(m.retainedPerRunKB)]);
  }
  const speedup = figures.langchain.ms / figures.rxchain.ms;
  return {
    figures,
    markdown:
      table(
        [
          'subject',
          'wall time, ms',
          'peak heap growth per run, KB',
          'live heap per open stream, KB',
          'retained after GC per run, KB',
        ],
        rows,
      ) + `\n\nrxchain is ${ratio(speedup)} faster than LangChain.js in wall time.`,
    targets: [
      {
        target: '1,000 concurrent streams: >= 20x faster than LangChain',
        value: speedup,
        unit: 'x',
        met: speedup >= 20,
      },
      {
        target: 'heap per finished run (1,000 concurrent): <= 8 KB',
        value: figures.rxchain.peakPerRunKB,
        unit: 'KB',
        met: figures.rxchain.peakPerRunKB <= 8,
      },
      {
        target: 'heap per open stream: <= 1.5 KB',
        value: figures.rxchain.openStreamKB,
        unit: 'KB',
        met: figures.rxchain.openStreamKB <= 1.5,
      },
      {
        target: 'nothing retained after GC (< 0.1 KB per run)',
        value: figures.rxchain.retainedPerRunKB,
        unit: 'KB',
        met: figures.rxchain.retainedPerRunKB < 0.1,
      },
    ],
  };
}
