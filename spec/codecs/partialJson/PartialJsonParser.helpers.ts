import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';

/** Splits `text` at the given cut points (taken modulo its length + 1). */
export function split(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

/** Splits `text` into chunks of `size` characters. */
export function everyN(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

export interface Step {
  readonly changed: boolean;
  readonly value: unknown;
}

/** Pushes every chunk, recording push's result and the value after it. */
export function stream(chunks: readonly string[]): { parser: PartialJsonParser; steps: Step[] } {
  const parser = new PartialJsonParser();
  const steps = chunks.map((chunk) => ({ changed: parser.push(chunk), value: parser.value }));
  return { parser, steps };
}

/** The values emitted by a consumer that reads `value` whenever push returns true. */
export function emitted(chunks: readonly string[]): unknown[] {
  return stream(chunks)
    .steps.filter((step) => step.changed)
    .map((step) => step.value);
}

export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Asserts that every array element that had a later sibling in `prev` is the
 * same reference in `next` (complete values are never rebuilt), recursively.
 */
export function expectSharedPrefix(prev: unknown, next: unknown): void {
  if (Array.isArray(prev) && Array.isArray(next)) {
    expect(next.length).toBeGreaterThanOrEqual(prev.length);
    for (let i = 0; i < prev.length - 1; i++) expect(next[i]).toBe(prev[i]);
    if (prev.length > 0) expectSharedPrefix(prev[prev.length - 1], next[prev.length - 1]);
  } else if (isObject(prev) && isObject(next)) {
    for (const key of Object.keys(prev)) {
      if (Object.hasOwn(next, key)) expectSharedPrefix(prev[key], next[key]);
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const COUNTRIES =
  '{"countries": [{"name": "France", "population": 67390000}, {"name": "Spain", "population": 47350000}, {"name": "Japan", "population": 125800000}]}';

export const FRANCE = { name: 'France', population: 67390000 };
export const SPAIN = { name: 'Spain', population: 47350000 };
