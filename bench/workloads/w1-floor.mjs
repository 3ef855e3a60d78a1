// Workload 1: the floor. Plain RxJS subscribed, the same through an AsyncIterable adapter,
// and three chained async generators; no library.
import { from, map } from 'rxjs';
import { alternate, fmt, medians, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorGenerators, toAsyncIterable } from '../lib/floor.mjs';

export const title = '1. Floor: RxJS and async generators, no library';

export async function run({ quick }) {
  const n = quick ? 20_000 : 100_000;
  const input = tokens(n);
  const f = (value) => value;
  let sink = 0;
  const subjects = [
    {
      name: 'rxjs map x3, subscribe',
      run: () =>
        timeIt(() =>
          from(input)
            .pipe(map(f), map(f), map(f))
            .subscribe((v) => (sink += v.length)),
        ),
    },
    {
      name: 'rxjs map x3, for await',
      run: () =>
        timeIt(async () => {
          for await (const v of toAsyncIterable(from(input).pipe(map(f), map(f), map(f)))) sink += v.length;
        }),
    },
    {
      name: 'async generators x3',
      run: () =>
        timeIt(async () => {
          for await (const v of floorGenerators(input)) sink += v.length;
        }),
    },
  ];
  const samples = await alternate(subjects, { rounds: quick ? 5 : 9, warmup: 2 });
  const rows = subjects.map(({ name }) => {
    const ms = medians(samples[name]);
    return {
      name,
      nsPerChunk: (ms * 1e6) / n,
      nsPerMapPerChunk: name.includes('subscribe') ? (ms * 1e6) / n / 3 : undefined,
    };
  });
  if (sink < 0) console.log(sink);
  return {
    figures: { n, rows },
    markdown: table(
      ['variant', `ns per chunk (N=${n.toLocaleString('en-US')})`, 'chunks/s'],
      rows.map((row) => [row.name, fmt(row.nsPerChunk), fmt(1e9 / row.nsPerChunk)]),
    ),
    targets: [],
  };
}
