import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import type { Operation } from '../../../lib/codecs/jsonPatch/Operation.js';
import { applyPatchForTest } from '../../support/jsonPatch';
import { everyN } from './PartialJsonParser.helpers';

describe('PartialJsonParser', () => {
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
