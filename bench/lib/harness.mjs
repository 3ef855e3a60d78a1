// Timing, statistics and table helpers shared by the workloads.
import { performance } from 'node:perf_hooks';

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A percentile (0..100) of a list of numbers, nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Milliseconds taken by `fn` (awaited). */
export async function timeIt(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Runs each subject's `run` once per round, alternating subjects (A B C A B C ...), after
 * `warmup` untimed rounds. Returns, per subject, the list of measurements `run` returned
 * (a number of milliseconds, or an object of named figures).
 */
export async function alternate(subjects, { rounds, warmup }) {
  const samples = Object.fromEntries(subjects.map((subject) => [subject.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    // Rotate who goes first so no subject always runs right after the same neighbour.
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
    for (const subject of order) {
      const sample = await subject.run();
      if (round >= warmup) samples[subject.name].push(sample);
    }
  }
  return samples;
}

/** Medians of each named figure over a list of samples (numbers or flat objects of numbers). */
export function medians(samples) {
  if (typeof samples[0] === 'number') return median(samples);
  const keys = Object.keys(samples[0]);
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))]));
}

/** A number for a table: 3 significant digits, thousands separated. */
export function fmt(value, digits = 3) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** A ratio as `12.3x`. */
export function ratio(value) {
  return `${fmt(value)}x`;
}

/** A markdown table. */
export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Forces a full garbage collection (the runner starts node with --expose-gc). */
export function gc() {
  if (typeof globalThis.gc !== 'function') throw new Error('run the benchmarks with node --expose-gc');
  globalThis.gc();
  globalThis.gc();
}

/** The tokens a fake model streams: `" tok0"`, `" tok1"`, ... */
export function tokens(count) {
  return Array.from({ length: count }, (_, i) => ` tok${i}`);
}

/** Yields to the event loop (lets pending promise jobs and timers run). */
export function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}
