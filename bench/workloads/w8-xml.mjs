// Workload 8: XMLOutputParser over XML documents of growing size in 1-character chunks,
// every chunk one input chunk of the parser's stream. Each row gives the time and the cost
// per byte (a linear parser keeps the per-byte cost flat as the document grows).
//   - rxchain, JSON Patch operations ({ diff: true }), a flat document (all rows under the
//     root): the parser's own work, up to 1 MB;
//   - rxchain, cumulative values, a nested document (sections of 50 rows): each value is
//     a fresh copy of the open elements only, which stay small here;
//   - rxchain, cumulative values, the flat document: the root's list of rows is copied
//     for every value, so this grows with the number of rows (as JSON values do, w7);
//   - LangChain.js's XMLOutputParser, which parses the whole text again after every
//     chunk, on the small sizes only.
import { Observable } from 'rxjs';
import * as rx from 'rxchain';
import { XMLOutputParser as LcXMLOutputParser } from '@langchain/core/output_parsers';
import { fmt, gc, table } from '../lib/harness.mjs';

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

function rxchainRun(text, diff) {
  gc();
  const parser = new rx.XMLOutputParser({ diff });
  let chunks = 0;
  let last;
  const start = performance.now();
  parser.stream$(characters(text)).subscribe((chunk) => {
    chunks++;
    last = chunk;
  });
  return { ms: performance.now() - start, chunks, last };
}

async function langchainRun(text) {
  const parser = new LcXMLOutputParser();
  async function* chars() {
    for (let i = 0; i < text.length; i++) yield text[i];
  }
  let chunks = 0;
  const start = performance.now();
  for await (const _ of parser.transform(chars(), {})) chunks++;
  return { ms: performance.now() - start, chunks };
}

const KB = 1024;

export async function run({ quick }) {
  const rounds = quick ? 1 : 3;
  const best = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const subjects = [
    { label: 'rxchain, JSON Patch, flat', sizes: quick ? [10, 100] : [10, 100, 1024], nested: false, diff: true },
    { label: 'rxchain, values, nested', sizes: quick ? [10, 100] : [10, 100, 1024], nested: true, diff: false },
    { label: 'rxchain, values, flat', sizes: quick ? [10, 100] : [10, 100, 1024], nested: false, diff: false },
  ];
  // Warm up both modes (JIT) so the smallest size is not measured cold.
  for (let i = 0; i < 3; i++) for (const diff of [true, false]) rxchainRun(documentOf(100 * KB, i === 1), diff);
  const rows = [];
  const figures = {};
  for (const subject of subjects) {
    figures[subject.label] = [];
    for (const kb of subject.sizes) {
      const text = documentOf(kb * KB, subject.nested);
      const r = kb >= 1024 ? Math.min(rounds, 2) : rounds;
      const result = best(Array.from({ length: r }, () => rxchainRun(text, subject.diff)));
      // The last value (or the patches' document) is checked against a whole-text parse.
      if (!subject.diff && JSON.stringify(result.last) !== JSON.stringify(new rx.XMLOutputParser().parse(text))) {
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
  const growth = (label) => {
    const list = figures[label];
    const a = list[0];
    const b = list[list.length - 1];
    return { value: b.nsPerByte / a.nsPerByte, times: b.bytes / a.bytes };
  };
  const patch = growth('rxchain, JSON Patch, flat');
  const nested = growth('rxchain, values, nested');
  const flat = growth('rxchain, values, flat');
  const lc = growth('LangChain.js, values, flat');
  figures.growth = { patch, nested, flat, langchain: lc };
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
  ];
  return {
    figures,
    targets,
    markdown:
      table(['subject', 'document', 'chunks out', 'ms', 'ns per byte'], rows) +
      `\n\nCost per byte, largest over smallest size: JSON Patch ${fmt(patch.value)}x at ${fmt(patch.times)}x the size, ` +
      `values (nested) ${fmt(nested.value)}x at ${fmt(nested.times)}x, values (flat) ${fmt(flat.value)}x at ${fmt(flat.times)}x, ` +
      `LangChain.js ${fmt(lc.value)}x at ${fmt(lc.times)}x. At ${lcSmall.kb} KB rxchain's values are ${fmt(figures.speedupAtLangChainLargest)}x faster than LangChain.js's.`,
  };
}
