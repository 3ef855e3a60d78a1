// Workload 7: the partial-JSON parser on adversarial input, and `prompt | model | JsonOutputParser`
// in both modes against one JSON.parse. Each row gives the time and its ratio to input size
// (a linear parser keeps the per-unit cost flat as the input grows).
//   - N nested '[' in 1-char chunks, the value read after every chunk (with the default depth
//     limit of 1,000 the parser stops at the limit: what matters is that it stays fast);
//   - one number of N digits, fed in 1-char chunks;
//   - an open array of N items fed in 1-char chunks, the change read after every chunk as
//     JSON Patch, and as a value (a snapshot copies the open array: O(its length) per read);
//   - prompt | model | JsonOutputParser over 8 / 80 / 800 KB in 5-char tokens, cumulative
//     values and JSON Patch, against one JSON.parse of the finished document.
import * as rx from 'rxchain';
import { fmt, ratio, table } from '../lib/harness.mjs';
import { RxBenchModel } from '../lib/subjects.mjs';

export const title = '7. Partial JSON on adversarial input, and JSON in both modes against JSON.parse';

function ms(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function msAsync(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function best(times) {
  return Math.min(...times);
}

function nested(n) {
  const parser = new rx.PartialJsonParser();
  for (let i = 0; i < n; i++) {
    if (parser.push('[')) void parser.value;
  }
  void parser.finish();
}

function longNumber(n) {
  const parser = new rx.PartialJsonParser();
  parser.push('[1');
  for (let i = 1; i < n; i++) {
    parser.push('7');
    void parser.value;
  }
}

function openArray(items) {
  const parser = new rx.PartialJsonParser();
  const text = `[${Array.from({ length: items }, (_, i) => i % 10).join(',')}`;
  for (let i = 0; i < text.length; i++) {
    if (parser.push(text[i])) void parser.value;
  }
}

/** The same, reading the change as JSON Patch (`patch()`) after every chunk instead of a snapshot. */
function openArrayPatched(items) {
  const parser = new rx.PartialJsonParser();
  const text = `[${Array.from({ length: items }, (_, i) => i % 10).join(',')}`;
  for (let i = 0; i < text.length; i++) {
    if (parser.push(text[i])) parser.patch();
  }
}

/** A JSON document of about `bytes` bytes in 5-character tokens. */
function document(bytes) {
  const items = [];
  let length = 16;
  for (let i = 0; length < bytes; i++) {
    const item = JSON.stringify({ name: `Country ${i}`, population: 1_000_000 + i * 7919, eu: i % 3 === 0 });
    items.push(item);
    length += item.length + 1;
  }
  const text = `{"countries":[${items.join(',')}]}`;
  const tokens = [];
  for (let i = 0; i < text.length; i += 5) tokens.push(text.slice(i, i + 5));
  return { text, tokens };
}

async function chain(tokens, diff) {
  const prompt = rx.ChatPromptTemplate.fromMessages([['human', '{q}']]);
  const runnable = prompt.pipe(new RxBenchModel(tokens)).pipe(new rx.JsonOutputParser({ diff }));
  let chunks = 0;
  for await (const _ of await runnable.stream({ q: 'countries' })) chunks++;
  return chunks;
}

function parseOnce(text) {
  return best(Array.from({ length: 11 }, () => ms(() => JSON.parse(text))));
}

/** Rows of `[label, size, ms, ms per unit]` for one adversarial shape at growing sizes. */
function scaling(label, unit, sizes, fn, rounds) {
  return sizes.map((n) => {
    const t = best(Array.from({ length: rounds }, () => ms(() => fn(n))));
    return { label, n, unit, ms: t, perUnit: (t * 1e6) / n };
  });
}

export async function run({ quick }) {
  const rounds = quick ? 1 : 3;
  const adversarial = [
    ...scaling('nested [', 'level', [1_000, 10_000], nested, rounds),
    ...scaling('one number, 1-char chunks', 'digit', quick ? [10_000, 100_000] : [100_000, 1_000_000], longNumber, 1),
    ...scaling(
      'open array, 1-char chunks, patch()',
      'item',
      quick ? [1_000, 10_000] : [10_000, 100_000],
      openArrayPatched,
      1,
    ),
    ...scaling('open array, 1-char chunks, value', 'item', quick ? [1_000, 10_000] : [10_000, 100_000], openArray, 1),
  ];
  const figures = { adversarial, json: {} };
  const rowsA = adversarial.map((r) => [
    r.label,
    `${r.n.toLocaleString('en-US')} ${r.unit}s`,
    fmt(r.ms),
    fmt(r.perUnit),
  ]);
  const growth = (label) => {
    const [a, b] = adversarial.filter((r) => r.label === label);
    return b.perUnit / a.perUnit;
  };
  const rowsJ = [];
  for (const kb of quick ? [8, 80] : [8, 80, 800]) {
    const { text, tokens } = document(kb * 1024);
    const once = parseOnce(text);
    const r = quick || kb === 800 ? 1 : rounds;
    const values = [];
    const patches = [];
    for (let i = 0; i < r; i++) {
      values.push(await msAsync(() => chain(tokens, false)));
      patches.push(await msAsync(() => chain(tokens, true)));
    }
    figures.json[kb] = {
      bytes: text.length,
      tokens: tokens.length,
      jsonParseMs: once,
      valuesMs: best(values),
      patchesMs: best(patches),
    };
    rowsJ.push([
      `${kb} KB (${tokens.length.toLocaleString('en-US')} tokens)`,
      fmt(once),
      fmt(best(values)),
      ratio(best(values) / once),
      fmt(best(patches)),
      ratio(best(patches) / once),
    ]);
  }
  const sizes = Object.keys(figures.json).map(Number);
  const exponent = (key) => {
    const a = figures.json[sizes[0]];
    const b = figures.json[sizes[sizes.length - 1]];
    return Math.log(b[key] / a[key]) / Math.log(b.bytes / a.bytes);
  };
  figures.exponents = { values: exponent('valuesMs'), patches: exponent('patchesMs') };
  const largest = figures.json[sizes[sizes.length - 1]];
  const targets = [
    {
      target: 'partial JSON, open array in 1-char chunks, patch() per chunk: cost per item at 10x the items <= 1.5x',
      value: growth('open array, 1-char chunks, patch()'),
      unit: 'x',
      met: growth('open array, 1-char chunks, patch()') <= 1.5,
    },
    {
      target: 'partial JSON, open array in 1-char chunks, value per chunk: cost per item at 10x the items <= 1.5x',
      value: growth('open array, 1-char chunks, value'),
      unit: 'x',
      met: growth('open array, 1-char chunks, value') <= 1.5,
    },
    {
      target: 'partial JSON, one long number in 1-char chunks: cost per digit at 10x the digits <= 1.5x',
      value: growth('one number, 1-char chunks'),
      unit: 'x',
      met: growth('one number, 1-char chunks') <= 1.5,
    },
    {
      target: 'partial JSON, 10,000 nested [: <= 50 ms',
      value: adversarial[1].ms,
      unit: 'ms',
      met: adversarial[1].ms <= 50,
    },
    {
      target: `JSON cumulative mode, ${sizes[sizes.length - 1]} KB / one JSON.parse <= 50x`,
      value: largest.valuesMs / largest.jsonParseMs,
      unit: 'x',
      met: largest.valuesMs / largest.jsonParseMs <= 50,
    },
    {
      target: 'JSON diff mode, 80 KB / one JSON.parse <= 15x',
      value: figures.json[80].patchesMs / figures.json[80].jsonParseMs,
      unit: 'x',
      met: figures.json[80].patchesMs / figures.json[80].jsonParseMs <= 15,
    },
    {
      target: `JSON diff mode, scaling exponent ${sizes[0]} → ${sizes[sizes.length - 1]} KB <= 1.05`,
      value: figures.exponents.patches,
      unit: '',
      met: figures.exponents.patches <= 1.05,
    },
  ];
  return {
    figures,
    targets,
    markdown:
      table(['input', 'size', 'ms', 'ns per unit'], rowsA) +
      '\n\n' +
      table(
        ['document', 'one JSON.parse, ms', 'values, ms', 'values / JSON.parse', 'JSON Patch, ms', 'patch / JSON.parse'],
        rowsJ,
      ) +
      `\n\nScaling exponent (1 = linear), ${sizes[0]} → ${sizes[sizes.length - 1]} KB: values ${fmt(figures.exponents.values)}, JSON Patch ${fmt(figures.exponents.patches)}.`,
  };
}
