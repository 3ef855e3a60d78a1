// Workload 4: `model | JsonOutputParser` over a JSON array of objects streamed in 5-character
// tokens: total time, parsed chunks/s, the scaling exponent between sizes, and the ratio to
// one JSON.parse of the finished document.
import { from, map, reduce } from 'rxjs';
import { alternate, fmt, medians, ratio, table, timeIt } from '../lib/harness.mjs';
import { lcJsonChain, rxJsonChain } from '../lib/subjects.mjs';

export const title = '4. model | JsonOutputParser, streaming a JSON array';

/** A JSON document of about `bytes` bytes: `{"countries": [{...}, ...]}`, cut into 5-character tokens. */
export function jsonTokens(bytes) {
  const items = [];
  let length = '{"countries":[]}'.length;
  for (let i = 0; length < bytes; i++) {
    const item = JSON.stringify({ name: `Country ${i}`, population: 1_000_000 + i * 7919, capital: `City ${i}`, eu: i % 3 === 0 });
    items.push(item);
    length += item.length + (i > 0 ? 1 : 0);
  }
  const text = `{"countries":[${items.join(',')}]}`;
  const tokens = [];
  for (let i = 0; i < text.length; i += 5) tokens.push(text.slice(i, i + 5));
  return { text, tokens };
}

async function drain(open) {
  let chunks = 0;
  let last;
  for await (const value of await open()) {
    chunks++;
    last = value;
  }
  return { chunks, last };
}

export async function run({ quick }) {
  const sizes = [5, 20, 80];
  const figures = {};
  const rows = [];
  for (const kb of sizes) {
    const { text, tokens } = jsonTokens(kb * 1024);
    const rx = rxJsonChain(tokens);
    const lc = lcJsonChain(tokens);
    const subjects = [
      { name: 'floor', open: async () => from(tokens).pipe(reduce((all, token) => all + token, ''), map((all) => JSON.parse(all))) },
      { name: 'rxchain', open: () => rx.stream('') },
    ];
    // LangChain.js re-parses the whole text per chunk: at 80 KB one run takes many seconds.
    const withLangChain = !quick || kb < 80;
    if (withLangChain) subjects.push({ name: 'langchain', open: () => lc.stream('') });
    const counts = {};
    for (const subject of subjects) {
      if (subject.name === 'floor') continue;
      const { chunks, last } = await drain(subject.open);
      if (JSON.stringify(last) !== text) throw new Error(`${subject.name} parsed a different document at ${kb} KB`);
      counts[subject.name] = chunks;
    }
    const timed = subjects.map((subject) => ({
      name: subject.name,
      run: () =>
        subject.name === 'floor'
          ? timeIt(() => new Promise((resolve) => subject.open().then((o) => o.subscribe({ complete: resolve }))))
          : timeIt(() => drain(subject.open)),
    }));
    const slow = kb >= 80 && withLangChain;
    const samples = await alternate(timed, { rounds: quick ? 3 : slow ? 3 : 7, warmup: slow ? 0 : 1 });
    const ms = Object.fromEntries(timed.map(({ name }) => [name, medians(samples[name])]));
    const parseOnce = medianParse(text);
    figures[kb] = { bytes: text.length, tokens: tokens.length, counts, ms, jsonParseMs: parseOnce };
    rows.push([
      `${kb} KB (${tokens.length.toLocaleString('en-US')} tokens)`,
      fmt(ms.floor),
      fmt(ms.rxchain),
      ms.langchain === undefined ? 'not run (quick)' : fmt(ms.langchain),
      fmt(counts.rxchain / (ms.rxchain / 1000)),
      ratio(ms.rxchain / parseOnce),
      ms.langchain === undefined ? 'n/a' : ratio(ms.langchain / ms.rxchain),
    ]);
  }
  const exponent = (name, a, b) => Math.log(figures[b].ms[name] / figures[a].ms[name]) / Math.log(figures[b].bytes / figures[a].bytes);
  const rxExponent = exponent('rxchain', 5, 80);
  const lcExponent = figures[80].ms.langchain !== undefined ? exponent('langchain', 5, 80) : exponent('langchain', 5, 20);
  const speedup80 = figures[80].ms.langchain !== undefined ? figures[80].ms.langchain / figures[80].ms.rxchain : undefined;
  figures.exponents = { rxchain: rxExponent, langchain: lcExponent, floor: exponent('floor', 5, 80) };
  const targets = [
    { target: 'JSON: scaling exponent 5 KB → 80 KB <= 1.1', value: rxExponent, unit: '', met: rxExponent <= 1.1 },
    { target: 'JSON 80 KB: <= 50x one JSON.parse', value: figures[80].ms.rxchain / figures[80].jsonParseMs, unit: 'x', met: figures[80].ms.rxchain / figures[80].jsonParseMs <= 50 },
  ];
  if (speedup80 !== undefined) targets.unshift({ target: 'JSON 80 KB: >= 200x LangChain', value: speedup80, unit: 'x', met: speedup80 >= 200 });
  return {
    figures,
    markdown:
      table(['document', 'floor: one JSON.parse at the end, ms', 'rxchain, ms', 'LangChain.js, ms', 'rxchain parsed chunks/s', 'rxchain / JSON.parse', 'rxchain faster than LangChain'], rows) +
      `\n\nScaling exponent 5 KB → 80 KB (1 = linear): rxchain ${fmt(rxExponent)}, LangChain.js ${fmt(lcExponent)}${figures[80].ms.langchain === undefined ? ' (5 → 20 KB)' : ''}, floor ${fmt(figures.exponents.floor)}.`,
    targets,
  };
}

function medianParse(text) {
  const times = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    JSON.parse(text);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10];
}
