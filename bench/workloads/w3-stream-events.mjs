// Workload 3: streamEvents(..., { version: 'v2' }) of `prompt | model | parser`: events/s,
// tokens/s, and how much slower it is than stream() of the same subject.
import { alternate, fmt, medians, ratio, table, timeIt, tokens } from '../lib/harness.mjs';
import { floorJokeEvents$, toAsyncIterable } from '../lib/floor.mjs';
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
  return {
    figures,
    markdown:
      table(['subject', 'events per run', 'events/s', 'tokens/s', 'slower than its own stream()'], rows) +
      `\n\nrxchain is ${ratio(speedup)} LangChain.js in tokens/s (N=${n.toLocaleString('en-US')}); the floor makes the same three events per token in plain RxJS.`,
    targets: [
      { target: 'streamEvents v2: >= 30x LangChain', value: speedup, unit: 'x', met: speedup >= 30 },
      {
        target: "streamEvents v2: <= 1.5x slower than rxchain's stream()",
        value: figures.rxchain.slowerThanStream,
        unit: 'x',
        met: figures.rxchain.slowerThanStream <= 1.5,
      },
    ],
  };
}
