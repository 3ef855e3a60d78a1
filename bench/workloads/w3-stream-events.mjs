// Workload 3: streamEvents(..., { version: 'v2' }) of `prompt | model | parser`: events/s,
// tokens/s, and how much slower it is than stream() of the same subject; rxchain against
// the pulled floor (the same number of event-shaped objects from a plain async generator,
// through `for await`) at 1,000 and 100,000 tokens; and the time to the first event with
// a synchronous 100,000-token model.
import { performance } from 'node:perf_hooks';
import { alternate, fmt, median, medians, ratio, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorJokeEvents$, pulledEvents, toAsyncIterable } from '../lib/floor.mjs';
import { lcJokeChain, rxJokeChain } from '../lib/subjects.mjs';
import { jokeSubjects } from './w2-stream.mjs';

export const title = '3. streamEvents v2 of prompt | model | parser';

const INPUT = { topic: 'parrots' };

async function countEvents(open) {
  let events = 0;
  let tokenEvents = 0;
  for await (const event of await open()) {
    events++;
    if (event.event === 'on_chat_model_stream') tokenEvents++;
  }
  return { events, tokenEvents };
}

export async function run({ quick }) {
  const n = quick ? 5_000 : 20_000;
  const input = tokens(n);
  const rx = rxJokeChain(input);
  const lc = lcJokeChain(input);
  const eventsOf = {
    floor: async () => toAsyncIterable(floorJokeEvents$(input, INPUT.topic)),
    rxchain: () => rx.streamEvents(INPUT, { version: 'v2' }),
    langchain: () => lc.streamEvents(INPUT, { version: 'v2' }),
  };
  const streamOf = jokeSubjects(n);
  const counts = {};
  for (const [name, open] of Object.entries(eventsOf)) counts[name] = await countEvents(open);
  const subjects = [];
  for (const name of Object.keys(eventsOf)) {
    subjects.push({ name: `${name} events`, run: () => timeIt(() => countEvents(eventsOf[name])) });
    subjects.push({
      name: `${name} stream`,
      run: () =>
        timeIt(async () => {
          for await (const _chunk of await streamOf[name]());
        }),
    });
  }
  const samples = await alternate(subjects, { rounds: quick ? 3 : 7, warmup: 1 });
  const figures = { n, counts };
  const rows = [];
  for (const name of Object.keys(eventsOf)) {
    const eventsMs = medians(samples[`${name} events`]);
    const streamMs = medians(samples[`${name} stream`]);
    figures[name] = {
      eventsPerSecond: counts[name].events / (eventsMs / 1000),
      tokensPerSecond: n / (eventsMs / 1000),
      slowerThanStream: eventsMs / streamMs,
    };
    rows.push([
      name,
      fmt(counts[name].events),
      fmt(figures[name].eventsPerSecond),
      fmt(figures[name].tokensPerSecond),
      ratio(eventsMs / streamMs),
    ]);
  }
  const speedup = figures.rxchain.tokensPerSecond / figures.langchain.tokensPerSecond;

  // rxchain against the pulled floor, same process, alternating.
  const floorRows = [];
  for (const size of quick ? [1_000, 20_000] : [1_000, 100_000]) {
    const sized = tokens(size);
    const chain = rxJokeChain(sized);
    const total = (await countEvents(() => chain.streamEvents(INPUT, { version: 'v2' }))).events;
    const pair = [
      { name: 'rxchain', run: () => timeIt(() => countEvents(() => chain.streamEvents(INPUT, { version: 'v2' }))) },
      { name: 'pulled', run: () => timeIt(() => countEvents(async () => pulledEvents(sized, total))) },
    ];
    const timed = await alternate(pair, { rounds: quick ? 3 : size > 10_000 ? 5 : 15, warmup: 1 });
    const rxMs = medians(timed.rxchain);
    const floorMs = medians(timed.pulled);
    figures[`pulled${size}`] = { events: total, rxchainMs: rxMs, floorMs, ratio: rxMs / floorMs };
    floorRows.push([size.toLocaleString('en-US'), fmt(total), fmt(floorMs), fmt(rxMs), ratio(rxMs / floorMs)]);
  }

  // Time to the first event, synchronous 100,000-token model (warm; median of the calls).
  const firstOf = rxJokeChain(tokens(100_000));
  const firstTimes = [];
  for (let i = 0; i < (quick ? 10 : 30); i++) {
    const start = performance.now();
    const events = firstOf.streamEvents(INPUT, { version: 'v2' });
    await events.next();
    const elapsed = performance.now() - start;
    await events.return();
    if (i >= 3) firstTimes.push(elapsed);
  }
  figures.firstEventMs = median(firstTimes);
  const sizes = Object.keys(figures)
    .filter((key) => key.startsWith('pulled'))
    .map((key) => Number(key.slice('pulled'.length)));
  return {
    figures,
    markdown:
      table(['subject', 'events per run', 'events/s', 'tokens/s', 'slower than its own stream()'], rows) +
      `\n\nrxchain is ${ratio(speedup)} LangChain.js in tokens/s (N=${n.toLocaleString('en-US')}); the push floor makes the same three events per token in plain RxJS.\n\n` +
      table(['tokens', 'events', 'pulled floor, ms', 'rxchain, ms', 'rxchain / pulled floor'], floorRows) +
      `\n\nThe pulled floor yields the same number of event-shaped objects from a plain async generator, one \`for await\` pull each. First event with a synchronous 100,000-token model: ${fmt(figures.firstEventMs)} ms (median of warm calls).`,
    targets: [
      ...sizes.map((size) => ({
        target: `streamEvents v2 / the pulled floor, ${size.toLocaleString('en-US')} tokens: <= 1.5x`,
        value: figures[`pulled${size}`].ratio,
        unit: 'x',
        met: figures[`pulled${size}`].ratio <= 1.5,
      })),
      {
        target: 'first event of streamEvents, sync 100k-token model: <= 1 ms',
        value: figures.firstEventMs,
        unit: 'ms',
        met: figures.firstEventMs <= 1,
      },
    ],
  };
}
