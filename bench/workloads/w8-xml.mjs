// Workload 8: XMLOutputParser over XML documents of growing size in 1-character chunks,
// every chunk one input chunk of the parser's stream. Each row gives the time and the cost
// per byte (a linear parser keeps the per-byte cost flat as the document grows), in CPU time
// of the process (user + system, GC threads included), which other processes on a shared
// machine disturb less than wall time.
//   - rxchain, JSON Patch operations ({ diff: true }), a flat document (all rows under the
//     root): the parser's own work, up to 1 MB;
//   - rxchain, cumulative values, a nested document (sections of 50 rows);
//   - rxchain, cumulative values, the flat document: every value handed out, the last
//     one read (a wide open element's list is made when first read, so this is the
//     parser's own work);
//   - rxchain, the same, with the consumer reading the root's list of every value: each
//     read makes an array as long as the root's children so far, so this grows with the
//     number of rows whatever the parser does;
//   - floor: no parser at all, only one fresh array per value as long as the root's list
//     (the least any parser that hands out every value as eager plain arrays must
//     spend): the quadratic cost the lazy lists avoid;
//   - LangChain.js's XMLOutputParser, which parses the whole text again after every
//     chunk, on the small sizes only.
import { Observable } from 'rxjs';
import * as rx from 'rxchain';
import { XMLOutputParser as LcXMLOutputParser } from '@langchain/core/output_parsers';
import { fmt, gc, table } from '../lib/harness.mjs';

/** Milliseconds of CPU this process has used: steadier than wall time on a shared machine. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export const title = '8. XMLOutputParser over 1-char chunks, against LangChain.js';

function row(i) {
  return `  <row id="${i}">\n    <name>Row ${i} &amp; co</name>\n    <value>${1000 + i * 7}</value>\n  </row>\n`;
}

/** A document of about `bytes` bytes: rows under the root (flat), or in sections of 50 (nested). */
function documentOf(bytes, nested) {
  const parts = ['<rows>\n'];
  let length = 8;
  for (let i = 0; length < bytes; i++) {
    if (nested && i % 50 === 0) parts.push(i === 0 ? '<section>\n' : '</section>\n<section>\n');
    const r = row(i);
    parts.push(r);
    length += r.length;
  }
  if (nested) parts.push('</section>\n');
  parts.push('</rows>');
  return parts.join('');
}

/** The document one character per chunk, synchronously. */
function characters(text) {
  return new Observable((subscriber) => {
    for (let i = 0; i < text.length && !subscriber.closed; i++) subscriber.next(text[i]);
    subscriber.complete();
  });
}

function rxchainRun(text, diff, readEach = false) {
  gc();
  const parser = new rx.XMLOutputParser({ diff });
  let chunks = 0;
  let last;
  let read = 0;
  const start = cpuMs();
  parser.stream$(characters(text)).subscribe((chunk) => {
    chunks++;
    last = chunk;
    if (readEach) read += chunk.rows.length;
  });
  return { ms: cpuMs() - start, chunks, last, read };
}

/** How many children the root has in each value of the flat document (from its patches, untimed). */
function rootWidths(text) {
  const widths = [];
  let width = 0;
  new rx.XMLOutputParser({ diff: true }).stream$(characters(text)).subscribe((ops) => {
    for (const op of ops) {
      if (op.path === '/rows' && op.op === 'replace' && Array.isArray(op.value)) width = 1;
      else if (op.op === 'add' && /^\/rows\/\d+$/.test(op.path)) width++;
    }
    widths.push(width);
  });
  return widths;
}

/** The floor: one fresh frozen array per value, as long as the root's list, and nothing else. */
function floorRun(text) {
  const widths = rootWidths(text);
  const rows = Array.from({ length: widths.at(-1) ?? 0 }, (_, i) => Object.freeze({ row: String(i) }));
  const open = Object.freeze({ row: '' });
  gc();
  let read = 0;
  const start = cpuMs();
  for (const width of widths) {
    const list = rows.slice(0, Math.max(0, width - 1));
    if (width > 0) list.push(open);
    read += Object.freeze(list).length;
  }
  return { ms: cpuMs() - start, chunks: widths.length, read };
}

async function langchainRun(text) {
  const parser = new LcXMLOutputParser();
  async function* chars() {
    for (let i = 0; i < text.length; i++) yield text[i];
  }
  let chunks = 0;
  const start = cpuMs();
  for await (const _ of parser.transform(chars(), {})) chunks++;
  return { ms: cpuMs() - start, chunks };
}

const KB = 1024;

export async function run({ quick }) {
  const rounds = quick ? 1 : 3;
  const best = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const sizes = quick ? [10, 100] : [10, 100, 1024];
  const subjects = [
    { label: 'rxchain, JSON Patch, flat', nested: false, diff: true },
    { label: 'rxchain, values, nested', nested: true, diff: false },
    { label: 'rxchain, values, flat', nested: false, diff: false },
    { label: 'rxchain, values, flat, every value read', nested: false, diff: false, readEach: true },
    { label: 'floor: one root-wide array per value, flat', nested: false, floor: true },
  ];
  // Warm up both modes (JIT) so the smallest size is not measured cold.
  for (let i = 0; i < 3; i++) for (const diff of [true, false]) rxchainRun(documentOf(100 * KB, i === 1), diff);
  const rows = [];
  const figures = {};
  for (const subject of subjects) {
    figures[subject.label] = [];
    for (const kb of sizes) {
      const text = documentOf(kb * KB, subject.nested);
      // The quadratic subjects take seconds at 1 MB: one round there.
      const quadratic = subject.readEach || subject.floor;
      const r = kb >= 1024 ? (quadratic ? 1 : Math.min(rounds, 2)) : rounds;
      const once = () => (subject.floor ? floorRun(text) : rxchainRun(text, subject.diff, subject.readEach));
      const result = best(Array.from({ length: r }, once));
      // The last value is checked against a whole-text parse.
      if (
        result.last !== undefined &&
        !subject.diff &&
        JSON.stringify(result.last) !== JSON.stringify(new rx.XMLOutputParser().parse(text))
      ) {
        throw new Error(`${subject.label}: the last value differs from parse()`);
      }
      const entry = {
        kb,
        bytes: text.length,
        ms: result.ms,
        chunks: result.chunks,
        nsPerByte: (result.ms * 1e6) / text.length,
      };
      figures[subject.label].push(entry);
      rows.push([
        subject.label,
        `${kb.toLocaleString('en-US')} KB`,
        result.chunks.toLocaleString('en-US'),
        fmt(entry.ms),
        fmt(entry.nsPerByte),
      ]);
    }
  }
  figures['LangChain.js, values, flat'] = [];
  for (const kb of quick ? [2, 5] : [2, 5, 10]) {
    const text = documentOf(kb * KB, false);
    const result = await langchainRun(text);
    const entry = {
      kb,
      bytes: text.length,
      ms: result.ms,
      chunks: result.chunks,
      nsPerByte: (result.ms * 1e6) / text.length,
    };
    figures['LangChain.js, values, flat'].push(entry);
    rows.push([
      'LangChain.js, values, flat',
      `${kb} KB`,
      result.chunks.toLocaleString('en-US'),
      fmt(entry.ms),
      fmt(entry.nsPerByte),
    ]);
  }
  // The largest size over the one before it (1 MB over 100 KB; the smallest is the noisiest).
  const growth = (label) => {
    const list = figures[label];
    const a = list[Math.max(0, list.length - 2)];
    const b = list[list.length - 1];
    return { value: b.nsPerByte / a.nsPerByte, times: b.bytes / a.bytes };
  };
  const patch = growth('rxchain, JSON Patch, flat');
  const nested = growth('rxchain, values, nested');
  const flat = growth('rxchain, values, flat');
  const readEach = growth('rxchain, values, flat, every value read');
  const floor = growth('floor: one root-wide array per value, flat');
  const lc = growth('LangChain.js, values, flat');
  figures.growth = { patch, nested, flat, readEach, floor, langchain: lc };
  const lcSmall = figures['LangChain.js, values, flat'].at(-1);
  const ours = rxchainRun(documentOf(lcSmall.kb * KB, false), false);
  figures.speedupAtLangChainLargest = lcSmall.ms / ours.ms;
  const targets = [
    {
      target: `XML, JSON Patch, 1-char chunks: cost per byte at ${fmt(patch.times)}x the size <= 1.5x`,
      value: patch.value,
      unit: 'x',
      met: patch.value <= 1.5,
    },
    {
      target: `XML, values of a nested document: cost per byte at ${fmt(nested.times)}x the size <= 1.5x`,
      value: nested.value,
      unit: 'x',
      met: nested.value <= 1.5,
    },
    {
      target: `XML, values of a flat document: cost per byte at ${fmt(flat.times)}x the size <= 1.5x`,
      value: flat.value,
      unit: 'x',
      met: flat.value <= 1.5,
    },
  ];
  return {
    figures,
    targets,
    markdown:
      table(['subject', 'document', 'chunks out', 'ms', 'ns per byte'], rows) +
      `\n\nCost per byte, largest size over the one before it: JSON Patch ${fmt(patch.value)}x at ${fmt(patch.times)}x the size, ` +
      `values (nested) ${fmt(nested.value)}x at ${fmt(nested.times)}x, values (flat) ${fmt(flat.value)}x at ${fmt(flat.times)}x, ` +
      `values (flat, every value read) ${fmt(readEach.value)}x and its floor ${fmt(floor.value)}x at ${fmt(floor.times)}x, ` +
      `LangChain.js ${fmt(lc.value)}x at ${fmt(lc.times)}x. At ${lcSmall.kb} KB rxchain's values are ${fmt(figures.speedupAtLangChainLargest)}x faster than LangChain.js's.`,
  };
}
