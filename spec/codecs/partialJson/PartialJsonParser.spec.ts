import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';
import type { Operation } from '../../../lib/codecs/jsonPatch/Operation.js';
import { applyPatchForTest } from '../../support/jsonPatch';

/** Splits `text` at the given cut points (taken modulo its length + 1). */
function split(text: string, cuts: readonly number[]): string[] {
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
function everyN(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

interface Step {
  readonly changed: boolean;
  readonly value: unknown;
}

/** Pushes every chunk, recording push's result and the value after it. */
function stream(chunks: readonly string[]): { parser: PartialJsonParser; steps: Step[] } {
  const parser = new PartialJsonParser();
  const steps = chunks.map((chunk) => ({ changed: parser.push(chunk), value: parser.value }));
  return { parser, steps };
}

/** The values emitted by a consumer that reads `value` whenever push returns true. */
function emitted(chunks: readonly string[]): unknown[] {
  return stream(chunks)
    .steps.filter((step) => step.changed)
    .map((step) => step.value);
}

function isValidJson(text: string): boolean {
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
function expectSharedPrefix(prev: unknown, next: unknown): void {
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COUNTRIES =
  '{"countries": [{"name": "France", "population": 67390000}, {"name": "Spain", "population": 47350000}, {"name": "Japan", "population": 125800000}]}';

const FRANCE = { name: 'France', population: 67390000 };
const SPAIN = { name: 'Spain', population: 47350000 };

describe('PartialJsonParser', () => {
  describe('push', () => {
    it('should return true exactly when the value changes', () => {
      const parser = new PartialJsonParser();
      expect(parser.push('{"na')).toBe(true); // {} appears
      const empty = parser.value;
      expect(empty).toEqual({});
      expect(parser.push('me"')).toBe(false);
      expect(parser.push(': ')).toBe(false);
      expect(parser.value).toBe(empty);
      expect(parser.push('"')).toBe(true);
      expect(parser.value).toEqual({ name: '' });
      expect(parser.push('')).toBe(false);
      expect(parser.push('ab\\')).toBe(true);
      expect(parser.value).toEqual({ name: 'ab' });
      expect(parser.push('u00')).toBe(false);
      expect(parser.push('41"')).toBe(true);
      expect(parser.value).toEqual({ name: 'abA' });
      const before = parser.value;
      expect(parser.push(', "n": 1.')).toBe(true);
      expect(parser.push('0')).toBe(false); // 1.0 is still 1
      expect(parser.push('e0')).toBe(false); // so is 1.0e0
      expect(parser.push('1')).toBe(true); // 1.0e01 is 10
      expect(parser.value).toEqual({ name: 'abA', n: 10 });
      expect(parser.push('}')).toBe(false);
      expect(parser.value).not.toBe(before);
    });

    it('should keep the same value reference when push returns false', () => {
      const { steps } = stream(everyN('  [ {"key" : [ 1 , 2.0 ] } , tr', 1));
      for (let i = 1; i < steps.length; i++) {
        const step = steps[i] as Step;
        const previous = (steps[i - 1] as Step).value;
        if (step.changed) expect(step.value).not.toEqual(previous);
        else expect(step.value).toBe(previous);
      }
      expect(steps.filter((step) => step.changed).map((step) => step.value)).toEqual([
        [],
        [{}],
        [{ key: [] }],
        [{ key: [1] }],
        [{ key: [1, 2] }],
        [{ key: [1, 2] }, true],
      ]);
    });
  });

  describe('streaming the country example every 5 characters', () => {
    const chunks = everyN(COUNTRIES, 5);

    it('should emit this exact sequence of distinct values', () => {
      expect(emitted(chunks)).toStrictEqual([
        {},
        { countries: [] },
        { countries: [{}] },
        { countries: [{ name: '' }] },
        { countries: [{ name: 'Franc' }] },
        { countries: [{ name: 'France' }] },
        { countries: [{ name: 'France', population: 67 }] },
        { countries: [{ name: 'France', population: 6739000 }] },
        { countries: [FRANCE, {}] },
        { countries: [FRANCE, { name: 'S' }] },
        { countries: [FRANCE, { name: 'Spain' }] },
        { countries: [FRANCE, { name: 'Spain', population: 4735 }] },
        { countries: [FRANCE, SPAIN] },
        { countries: [FRANCE, SPAIN, {}] },
        { countries: [FRANCE, SPAIN, { name: 'Jap' }] },
        { countries: [FRANCE, SPAIN, { name: 'Japan' }] },
        { countries: [FRANCE, SPAIN, { name: 'Japan', population: 1 }] },
        { countries: [FRANCE, SPAIN, { name: 'Japan', population: 125800 }] },
        { countries: [FRANCE, SPAIN, { name: 'Japan', population: 125800000 }] },
      ]);
    });

    it('should end with the parsed document and a successful finish', () => {
      const { parser } = stream(chunks);
      expect(parser.value).toStrictEqual(JSON.parse(COUNTRIES));
      expect(parser.finish()).toStrictEqual({ ok: true, value: JSON.parse(COUNTRIES) });
      expect((parser.finish() as { value: unknown }).value).toBe(parser.value);
    });

    it('should share a country object once it is complete', () => {
      const { steps } = stream(chunks);
      type Countries = { countries: unknown[] };
      const values = steps.map((step) => step.value as Partial<Countries> | undefined);
      const franceDone = values.findIndex((value) => value?.countries?.length === 2);
      const spainDone = values.findIndex((value) => value?.countries?.length === 3);
      expect(franceDone).toBe(11); // the chunk '0}, {'
      expect(spainDone).toBe(20); // the chunk ', {"n'
      const france = (values[franceDone] as Countries).countries[0];
      const spain = (values[spainDone] as Countries).countries[1];
      expect(france).toEqual(FRANCE);
      expect(spain).toEqual(SPAIN);
      // Still changing just before: a new object each time.
      expect((values[franceDone - 1] as Countries).countries[0]).not.toBe(france);
      for (const value of values.slice(franceDone)) expect((value as Countries).countries[0]).toBe(france);
      for (const value of values.slice(spainDone)) expect((value as Countries).countries[1]).toBe(spain);
    });

    it('should rebuild the containers on the changing path', () => {
      const { steps } = stream(chunks);
      for (let i = 1; i < steps.length; i++) {
        const step = steps[i] as Step;
        if (step.changed) expect(step.value).not.toBe((steps[i - 1] as Step).value);
      }
    });
  });

  describe('structural sharing', () => {
    it('should keep a complete sibling while another key streams', () => {
      const parser = new PartialJsonParser();
      parser.push('{"a": {"x": [1, 2]}, "b": "he');
      const first = parser.value as Record<string, unknown>;
      parser.push('llo');
      const second = parser.value as Record<string, unknown>;
      expect(second).toEqual({ a: { x: [1, 2] }, b: 'hello' });
      expect(second).not.toBe(first);
      expect(second['a']).toBe(first['a']);
      expect(first).toEqual({ a: { x: [1, 2] }, b: 'he' }); // snapshots are not mutated
    });

    it('should keep the last snapshot when a closing bracket changes nothing', () => {
      const parser = new PartialJsonParser();
      parser.push('[[1], {"k": "v"');
      const open = parser.value as unknown[];
      expect(parser.push('}')).toBe(false);
      expect(parser.push(']')).toBe(false);
      expect(parser.value).toBe(open);
      parser.push(' ');
      expect(parser.finish()).toStrictEqual({ ok: true, value: [[1], { k: 'v' }] });
      expect((parser.finish() as { value: unknown }).value).toBe(open);
    });

    it('should keep the snapshot of a container that closed without changing', () => {
      const parser = new PartialJsonParser();
      parser.push('{"list": [{"a": 1');
      const open = parser.value as { list: unknown[] };
      parser.push('}');
      parser.push(']');
      parser.push(', "next": 2');
      const later = parser.value as { list: unknown[]; next: number };
      expect(later).toEqual({ list: [{ a: 1 }], next: 2 });
      expect(later.list).toBe(open.list);
      expect(later.list[0]).toBe(open.list[0]);
    });

    it('should hand out frozen values, so that a consumer cannot change the next one', () => {
      const parser = new PartialJsonParser();
      parser.push('{"a": {"x": [1, 2]}, "b": [3');
      const first = parser.value as { a: { x: number[] }; b: number[] };
      for (const part of [first, first.a, first.a.x, first.b]) expect(Object.isFrozen(part)).toBe(true);
      expect(() => first.a.x.push(9)).toThrow(TypeError);
      expect(() => {
        first.b[0] = 7;
      }).toThrow(TypeError);
      parser.push(', 4]}');
      expect(parser.value).toStrictEqual({ a: { x: [1, 2] }, b: [3, 4] });
      expect(Object.isFrozen(parser.value)).toBe(true);
    });

    it('should patch with fresh containers for the parts in progress and frozen complete ones', () => {
      const parser = new PartialJsonParser();
      parser.push('{"done": [1], "open": [2');
      const [op] = parser.patch() as unknown as [{ value: { done: number[]; open: number[] } }];
      expect(Object.isFrozen(op.value.done)).toBe(true);
      op.value.open.push(3); // the consumer's own copy: applying patches in place stays possible
      parser.push(', 4]}');
      expect(parser.patch()).toStrictEqual([{ op: 'add', path: '/open/1', value: 4 }]);
      expect(parser.value).toStrictEqual({ done: [1], open: [2, 4] });
    });

    it('should keep complete array elements as the same references for any split', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.nat()), (value, cuts) => {
          const { steps } = stream(split(JSON.stringify(value), cuts));
          for (let i = 1; i < steps.length; i++) {
            expectSharedPrefix((steps[i - 1] as Step).value, (steps[i] as Step).value);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('markdown code fences', () => {
    it('should stream the content of a fence', () => {
      expect(emitted(['```json\n{"', 'countries": [{"n', 'ame": "China"}]}', '\n```'])).toStrictEqual([
        {},
        { countries: [{}] },
        { countries: [{ name: 'China' }] },
      ]);
      expect(emitted(['```\n{"', 'key": "val', '"}\n```'])).toStrictEqual([{}, { key: 'val' }]);
      expect(emitted(['Explanation:\n```json\n{', '"answer": 42', '}\n```\nConclusion'])).toStrictEqual([
        {},
        { answer: 42 },
      ]);
    });

    it('should ignore everything after the closing fence', () => {
      const parser = new PartialJsonParser();
      expect(parser.push('```json\n')).toBe(false);
      expect(parser.push('{ "data": 123 }')).toBe(true);
      const value = parser.value;
      expect(parser.push('\n```')).toBe(false);
      expect(parser.push(' Some extra text ```json\n[1]```')).toBe(false);
      expect(parser.value).toBe(value);
      expect(parser.finish()).toStrictEqual({ ok: true, value: { data: 123 } });
    });

    it('should give the same values whatever the chunking, one character at a time included', () => {
      const text = 'Sure! Here is the `JSON`:\n\n```json\n{"a": [1, "x`y"], "b": {"c": null}}\n```\nAnything else?';
      const whole = stream([text]).parser;
      expect(whole.value).toStrictEqual({ a: [1, 'x`y'], b: { c: null } });
      const { parser, steps } = stream(everyN(text, 1));
      expect(parser.value).toStrictEqual(whole.value);
      expect(parser.finish()).toStrictEqual({ ok: true, value: whole.value });
      const firstValue = steps.findIndex((step) => step.value !== undefined);
      expect(text.slice(0, firstValue + 1).endsWith('```json\n{')).toBe(true);
    });
  });

  describe('finish', () => {
    const cases: ReadonlyArray<readonly [string, string, number]> = [
      ['', 'No JSON value found: the input is empty', 0],
      ['  \n', 'No JSON value found: the input is empty', 3],
      ['Hello', 'No JSON value found: the text at position 0 is not JSON and no ``` code fence follows it', 0],
      ['  Hi ``', 'No JSON value found: the text at position 2 is not JSON and no ``` code fence follows it', 2],
      ['Hi\n```json', 'No JSON value found: the code fence is empty', 10],
      ['```json\n  \n```', 'No JSON value found: the code fence is empty', 11],
      ['{"a":1', 'Unexpected end of JSON input: the document is incomplete', 6],
      ['[1, 2.', 'Unexpected end of JSON input: the document is incomplete', 6],
      ['tru', 'Unexpected end of JSON input: the document is incomplete', 3],
      ['-', 'Unexpected end of JSON input: the document is incomplete', 1],
      [
        '```json\n{"a":1\n```',
        'Unexpected end of JSON input: the document is incomplete when the code fence closed at position 15',
        15,
      ],
      ['{a:1}', "Unexpected character 'a' at position 1: expected a double-quoted key or '}'", 1],
      ['[1 2]', "Unexpected character '2' at position 3: expected ',' or ']'", 3],
      ['nul x', "Unexpected character ' ' at position 3: expected 'null'", 3],
      ['{"a" 1}', "Unexpected character '1' at position 5: expected ':'", 5],
      ['[1,]', "Unexpected character ']' at position 3: expected a JSON value", 3],
      [
        '{"a":1} x',
        "Unexpected character 'x' at position 8: expected the end of the input after a complete JSON value",
        8,
      ],
      ['[01]', "Unexpected character '1' at position 2: expected ',' or ']'", 2],
      ['1.x', "Unexpected character 'x' at position 2: expected a digit", 2],
      ['"a\\x"', `Unexpected character 'x' at position 3: expected one of " \\ / b f n r t u after a backslash`, 3],
      ['"\\u12z4"', "Unexpected character 'z' at position 5: expected a hexadecimal digit in a \\u escape", 5],
      [
        '"a\tb"',
        'Unexpected character U+0009 at position 2: expected a character other than a control character (escape it, e.g. \\n)',
        2,
      ],
      ['[1]`', "Unexpected character '`' at position 3: expected the end of the input after a complete JSON value", 3],
      ['```json\n[1]`x', "Unexpected character '`' at position 11: expected a closing ``` code fence", 11],
      ['```json\n[1]``', "Unexpected character '`' at position 11: expected a closing ``` code fence", 11],
    ];

    it.each(cases)('should explain why %j is not one JSON value', (text, message, position) => {
      const parser = new PartialJsonParser();
      parser.push(text);
      expect(parser.finish()).toStrictEqual({ ok: false, message, position });
    });

    it('should accept exactly one complete value with whitespace or fences around it', () => {
      const accepted: ReadonlyArray<readonly [string, unknown]> = [
        [' 1 ', 1],
        ['\n-0\t', -0],
        ['"a"', 'a'],
        ['null', null],
        ['```json\n1\n```', 1],
        ['```json\n1```', 1],
        ['prose\n```\n[true]\n```\nmore prose', [true]],
        ['```json\n{"a": []}', { a: [] }],
      ];
      for (const [text, value] of accepted) {
        const parser = new PartialJsonParser();
        parser.push(text);
        expect({ text, result: parser.finish() }).toStrictEqual({ text, result: { ok: true, value } });
      }
    });

    it('should not change the parser', () => {
      const parser = new PartialJsonParser();
      parser.push('[1');
      expect(parser.finish().ok).toBe(false);
      expect(parser.finish().ok).toBe(false);
      expect(parser.push(']')).toBe(false);
      expect(parser.finish()).toStrictEqual({ ok: true, value: [1] });
    });
  });

  describe('after a syntax error', () => {
    it('should ignore further pushes and keep the last good value', () => {
      const parser = new PartialJsonParser();
      expect(parser.push('{"a": [1, 2 3')).toBe(true);
      const value = parser.value;
      expect(value).toEqual({ a: [1, 2] });
      const error = parser.finish();
      expect(error).toStrictEqual({
        ok: false,
        message: "Unexpected character '3' at position 12: expected ',' or ']'",
        position: 12,
      });
      expect(parser.push(']}')).toBe(false);
      expect(parser.push('"b": 1}')).toBe(false);
      expect(parser.value).toBe(value);
      expect(parser.finish()).toStrictEqual(error);
    });

    it('should show the valid part of the chunk that contained the error', () => {
      const parser = new PartialJsonParser();
      parser.push('["ab');
      parser.push('cd\\q');
      expect(parser.value).toEqual(['abcd']);
      const other = new PartialJsonParser();
      other.push('[1.');
      other.push('5e+x');
      expect(other.value).toEqual([1.5]);
    });
  });

  describe('properties', () => {
    const texts = fc
      .tuple(fc.jsonValue({ stringUnit: 'binary' }), fc.constantFrom(undefined, 2, '\t'))
      .map(([value, indent]) => JSON.stringify(value, null, indent));

    it('should parse any split of a document to JSON.parse, with a successful finish', () => {
      fc.assert(
        fc.property(texts, fc.array(fc.nat()), (text, cuts) => {
          const { parser } = stream(split(text, cuts));
          const expected: unknown = JSON.parse(text);
          expect(parser.value).toStrictEqual(expected);
          expect(parser.finish()).toStrictEqual({ ok: true, value: expected });
        }),
        { numRuns: 300 },
      );
    });

    it('should give patches that rebuild the value after every push, and none when nothing changed', () => {
      fc.assert(
        fc.property(texts, fc.array(fc.nat()), (text, cuts) => {
          const parser = new PartialJsonParser();
          let rebuilt: unknown = undefined;
          for (const chunk of split(text, cuts)) {
            const changed = parser.push(chunk);
            const ops = parser.patch();
            expect(ops.length > 0).toBe(changed && parser.value !== undefined);
            rebuilt = applyPatchForTest(rebuilt, ops);
            expect(rebuilt).toStrictEqual(parser.value);
          }
          expect(rebuilt).toStrictEqual(JSON.parse(text));
        }),
        { numRuns: 300 },
      );
    });

    it('should give patches that follow the value up to a syntax error, for any text', () => {
      const noisy = fc.string({ unit: fc.constantFrom(...'{}[],:"\\ -.0e1tnfa'.split('')) });
      fc.assert(
        fc.property(noisy, fc.array(fc.nat()), (text, cuts) => {
          const parser = new PartialJsonParser();
          let rebuilt: unknown = undefined;
          for (const chunk of split(text, cuts)) {
            parser.push(chunk);
            rebuilt = applyPatchForTest(rebuilt, parser.patch());
            expect(rebuilt).toStrictEqual(parser.value);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('should give after each push the value of the text so far, changing reference only when it changes', () => {
      fc.assert(
        fc.property(texts, fc.array(fc.nat()), (text, cuts) => {
          const chunks = split(text, cuts);
          const { steps } = stream(chunks);
          let prefix = '';
          let previous: unknown = undefined;
          chunks.forEach((chunk, i) => {
            prefix += chunk;
            const step = steps[i] as Step;
            expect(step.value).toStrictEqual(parsePartialJson(prefix));
            if (step.changed) expect(isDeepStrictEqual(step.value, previous)).toBe(false);
            else expect(step.value).toBe(previous);
            previous = step.value;
          });
        }),
        { numRuns: 300 },
      );
    });

    const jsonish = fc.string({
      unit: fc.constantFrom(...'{}[],:"\\ \n\t-+.0123456789eEtrufalsnbx/'.split(''), 'u00', 'ud83d', 'true', 'null'),
      maxLength: 30,
    });
    const mutated = fc
      .tuple(
        fc.json({ maxDepth: 2 }),
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.constantFrom(...'{}[],:"\\ -+.0e1tnfx'.split(''), '\u0001', '\u00a0'),
      )
      .map(([text, at, edit, char]) => {
        const i = at % (text.length + 1);
        if (edit === 'insert') return text.slice(0, i) + char + text.slice(i);
        if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
        return text.slice(0, i) + char + text.slice(i + 1);
      });
    const noFence = fc.string({ unit: 'binary' }).filter((text) => !text.includes('`'));

    it('should accept exactly the texts JSON.parse accepts (without fences)', () => {
      fc.assert(
        fc.property(fc.oneof(jsonish, mutated, noFence), fc.array(fc.nat()), (text, cuts) => {
          const { parser } = stream(split(text, cuts));
          const result = parser.finish();
          const valid = isValidJson(text);
          expect({ text, ok: result.ok }).toEqual({ text, ok: valid });
          if (result.ok) expect(result.value).toStrictEqual(JSON.parse(text));
          else expect(result.position).toBeLessThanOrEqual(text.length);
        }),
        { numRuns: 1000 },
      );
    });

    it('should agree with the one-shot parse on any text and any split, and never throw', () => {
      const fenced = fc.string({
        unit: fc.constantFrom('```', '```json\n', '`', '\n', 'ab ', '{', '}', '[1', ']', '"', ',', ':', '"k"', 'x'),
        maxLength: 25,
      });
      fc.assert(
        fc.property(
          fc.oneof(fenced, jsonish, mutated, fc.string({ unit: 'binary' })),
          fc.array(fc.nat()),
          (text, cuts) => {
            const chunks = split(text, cuts);
            const { parser, steps } = stream(chunks);
            let prefix = '';
            chunks.forEach((chunk, i) => {
              prefix += chunk;
              expect((steps[i] as Step).value).toStrictEqual(parsePartialJson(prefix));
            });
            const once = new PartialJsonParser();
            once.push(text);
            expect(parser.finish()).toStrictEqual(once.finish());
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('cost', () => {
    it('should stream a long string one character at a time with a read after every push', () => {
      const length = 300_000;
      const parser = new PartialJsonParser();
      parser.push('{"text": "');
      let total = 0;
      for (let i = 0; i < length; i++) {
        parser.push(i % 100 === 99 ? '\\n' : 'a');
        total += (parser.value as { text: string }).text.length === i + 1 ? 1 : 0;
      }
      parser.push('"}');
      expect(total).toBe(length);
      expect((parser.finish() as { ok: true; value: { text: string } }).value.text).toHaveLength(length);
    });

    it('should patch a growing array without copying it: patch sizes add up to the document size', () => {
      // 2,000 items in 5-character chunks. A snapshot (`value`) copies the open array on
      // every read, so the copied slots add up quadratically; patches only carry what is new.
      const items = Array.from({ length: 2000 }, (_, i) => ({ name: `Country ${i}`, population: 1000 + i }));
      const text = JSON.stringify({ countries: items });
      const entries = (value: unknown): number =>
        value === null || typeof value !== 'object'
          ? 0
          : Object.values(value).reduce((sum: number, child) => sum + 1 + entries(child), 0);
      const patched = new PartialJsonParser();
      const snapshotted = new PartialJsonParser();
      let patchEntries = 0;
      let copiedSlots = 0;
      const allOps: Operation[] = [];
      for (const chunk of everyN(text, 5)) {
        patched.push(chunk);
        const ops = patched.patch();
        for (const op of ops) patchEntries += 1 + ('value' in op ? entries(op.value) : 0);
        allOps.push(...ops);
        if (snapshotted.push(chunk))
          copiedSlots += (snapshotted.value as { countries?: unknown[] }).countries?.length ?? 0;
      }
      const documentEntries = entries(JSON.parse(text));
      expect(applyPatchForTest(undefined, allOps)).toStrictEqual(JSON.parse(text));
      expect(patchEntries).toBeLessThan(3 * documentEntries);
      expect(copiedSlots).toBeGreaterThan(100 * documentEntries);
    });

    it('should parse deeply nested input without overflowing the call stack, when maxDepth allows it', () => {
      const depth = 100_000;
      const text = '['.repeat(depth) + ']'.repeat(depth);
      const parser = new PartialJsonParser({ maxDepth: depth });
      parser.push(text);
      let value = parser.value;
      let levels = 0;
      while (Array.isArray(value)) {
        levels++;
        value = value[0];
      }
      expect(levels).toBe(depth);
      expect(parser.finish().ok).toBe(true);
    });
  });
});
