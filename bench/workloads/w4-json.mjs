// Workload 4: `model | JsonOutputParser` over a JSON array of objects streamed in 5-character
// tokens: total time, parsed chunks/s, the scaling exponent between sizes, the cost per
// chunk at 80 KB against 5 KB, and the ratio to one JSON.parse of the finished document.
// rxchain runs three ways: cumulative values through `stream()` (what LangChain.js is
// measured on), the same through `stream$()` (no async-iterator buffer), and JSON Patch
// operations (`{ diff: true }`) through `stream()`.
import { from, map, reduce } from 'rxjs';
import { alternate, fmt, medians, ratio, table, timeIt } from '../lib/harness.mjs';
import { lcJsonChain, rxJsonChain, rxJsonDiffChain } from '../lib/subjects.mjs';

export const title = '4. model | JsonOutputParser, streaming a JSON array';

/** A JSON document of about `bytes` bytes: `{"countries": [{...}, ...]}`, cut into 5-character tokens. */
export function jsonTokens(bytes) {
  const items = [];
  let length = '{"countries":[]}'.length;
  for (let i = 0; length < bytes; i++) {
    const item = JSON.stringify({
      name: `Country ${i}`,
      population: 1_000_000 + i * 7919,
      capital: `City ${i}`,
      eu: i % 3 === 0,
    });
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
    const rxDiff = rxJsonDiffChain(tokens);
    const lc = lcJsonChain(tokens);
    const subjects = [
      {
        name: 'floor',
        open: async () =>
          from(tokens).pipe(
            reduce((all, token) => all + token, ''),
            map((all) => JSON.parse(all)),
          ),
      },
      { name: 'rxchain', open: () => rx.stream('') },
      { name: 'rxchain$', open: async () => rx.stream$('') },
      { name: 'rxchainDiff', open: () => rxDiff.stream('') },
    ];
    // LangChain.js re-parses the whole text per chunk: at 80 KB one run takes many seconds.
    const withLangChain = !quick || kb < 80;
    if (withLangChain) subjects.push({ name: 'langchain', open: () => lc.stream('') });
    const counts = {};
    for (const subject of subjects) {
      if (subject.name === 'floor' || subject.name === 'rxchain$') continue;
      if (subject.name === 'rxchainDiff') {
        const ops = (await lastOf(subject.open, true)).last;
        if (JSON.stringify(applyOps(ops)) !== text)
          throw new Error(`rxchain's patches rebuilt a different document at ${kb} KB`);
        continue;
      }
      const { chunks, last } = await drain(subject.open);
      if (JSON.stringify(last) !== text) throw new Error(`${subject.name} parsed a different document at ${kb} KB`);
      counts[subject.name] = chunks;
    }
    const subscribed = (open) =>
      timeIt(() => new Promise((resolve) => open().then((o) => o.subscribe({ complete: resolve }))));
    const timed = subjects.map((subject) => ({
      name: subject.name,
      run: () =>
        subject.name === 'floor' || subject.name === 'rxchain$'
          ? subscribed(subject.open)
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
      fmt(ms.rxchain$),
      fmt(ms.rxchainDiff),
      ms.langchain === undefined ? 'not run (quick)' : fmt(ms.langchain),
      fmt(counts.rxchain / (ms.rxchain / 1000)),
      ratio(ms.rxchain / parseOnce),
      ms.langchain === undefined ? 'n/a' : ratio(ms.langchain / ms.rxchain),
    ]);
  }
  const exponent = (name, a, b) =>
    Math.log(figures[b].ms[name] / figures[a].ms[name]) / Math.log(figures[b].bytes / figures[a].bytes);
  const rxExponent = exponent('rxchain', 5, 80);
  // Cost per chunk at 80 KB over cost per chunk at 5 KB (1 = linear).
  const perChunk = (name) => figures[80].ms[name] / figures[80].tokens / (figures[5].ms[name] / figures[5].tokens);
  const modes = { rxchain: 'values, stream()', rxchain$: 'values, stream$()', rxchainDiff: 'JSON Patch, stream()' };
  figures.perChunkGrowth = Object.fromEntries(Object.keys(modes).map((name) => [name, perChunk(name)]));
  const lcExponent =
    figures[80].ms.langchain !== undefined ? exponent('langchain', 5, 80) : exponent('langchain', 5, 20);
  const speedup80 =
    figures[80].ms.langchain !== undefined ? figures[80].ms.langchain / figures[80].ms.rxchain : undefined;
  figures.exponents = {
    rxchain: rxExponent,
    rxchain$: exponent('rxchain$', 5, 80),
    rxchainDiff: exponent('rxchainDiff', 5, 80),
    langchain: lcExponent,
    floor: exponent('floor', 5, 80),
  };
  const targets = [];
  // The issue's JSON targets are workload 7's (8 / 80 / 800 KB against one JSON.parse).
  return {
    figures,
    markdown:
      table(
        [
          'document',
          'floor: one JSON.parse at the end, ms',
          'rxchain values, stream(), ms',
          'rxchain values, stream$(), ms',
          'rxchain JSON Patch, stream(), ms',
          'LangChain.js, ms',
          'rxchain parsed chunks/s',
          'rxchain / JSON.parse',
          'rxchain faster than LangChain',
        ],
        rows,
      ) +
      `\n\nScaling exponent 5 KB → 80 KB (1 = linear): rxchain values through stream() ${fmt(rxExponent)}, through stream$() ${fmt(figures.exponents.rxchain$)}, JSON Patch ${fmt(figures.exponents.rxchainDiff)}; LangChain.js ${fmt(lcExponent)}${figures[80].ms.langchain === undefined ? ' (5 → 20 KB)' : ''}, floor ${fmt(figures.exponents.floor)}.` +
      `\nCost per chunk at 80 KB over 5 KB (1 = linear): values through stream() ${fmt(figures.perChunkGrowth.rxchain)}, through stream$() ${fmt(figures.perChunkGrowth.rxchain$)}, JSON Patch ${fmt(figures.perChunkGrowth.rxchainDiff)}.`,
    targets,
  };
}

/** The aggregate of all chunks (the concatenated operations in diff mode). */
async function lastOf(open, concat) {
  const all = [];
  let last;
  for await (const value of await open()) {
    if (concat) all.push(...value);
    last = value;
  }
  return { last: concat ? all : last };
}

/** Applies add/replace operations (the only ones a growing document needs) to a fresh document. */
function applyOps(ops) {
  let doc;
  for (const op of ops) {
    if (op.path === '') {
      doc = op.value;
      continue;
    }
    const tokens = op.path
      .slice(1)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    let target = doc;
    for (const token of tokens) target = target[token];
    target[last] = op.value;
  }
  return doc;
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
