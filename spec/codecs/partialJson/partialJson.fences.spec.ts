import fc from 'fast-check';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';
import { expectRows } from '../../support/partialJsonRows';

describe('parsePartialJson', () => {
  describe('markdown code fences', () => {
    it('should parse the content of the first code fence', () => {
      expectRows([
        ['```json\n{"a": 1}\n```', { a: 1 }],
        ['```\n{"a": 1}```', { a: 1 }],
        ['Here you go:\n```json\n{"a": 1}\n```\nmore', { a: 1 }],
        ['Here you go:\n```json\n{"a": 1}\n```\n```json\n{"b": 2}\n```', { a: 1 }],
        ['```json\n{"a": 1}\n``` {"b": 2} [1 2 x', { a: 1 }],
        ['  \n```js  \r\n[1, 2]\n```', [1, 2]],
        ['Use `x` or ``y``:\n```json\n[1]\n```', [1]],
        ['````\n[1]\n````', [1]],
        ['```json\n{"code": "```py\\nprint(1)\\n```"}\n```', { code: '```py\nprint(1)\n```' }],
      ]);
    });

    it('should give the partial content of an unfinished fence', () => {
      expectRows([
        ['```json\n', undefined],
        ['```json\n{', {}],
        ['```json\n{"a": [1, tr', { a: [1, true] }],
        ['Answer:\n```\n"abc', 'abc'],
        ['```json\n{"a": 1}\n`', { a: 1 }],
        ['```json\n{"a": 1}\n``', { a: 1 }],
        ['```json\n{"a": 1', { a: 1 }],
        ['```json\n{"a": 1\n```\n', { a: 1 }],
      ]);
    });

    it('should give undefined while a fence may still be starting', () => {
      expectRows([
        ['`', undefined],
        ['``', undefined],
        ['```', undefined],
        ['```js', undefined],
        ['```json', undefined],
        ['Here you go', undefined],
        ['Here you go:\n``', undefined],
        ['Here you go:\n```json', undefined],
      ]);
    });
  });

  describe('invalid JSON', () => {
    it('should give the value of the longest valid prefix', () => {
      expectRows([
        ['{a:1}', {}],
        ['[1 2]', [1]],
        ['nul x', null],
        ['nulx', null],
        ['{"a":1}x', { a: 1 }],
        ['{"a":1} {"b":2}', { a: 1 }],
        ['[1,]', [1]],
        ['[,1]', []],
        ['{"a":1,}', { a: 1 }],
        ['{"a" 1}', {}],
        ['{"a":1 "b":2}', { a: 1 }],
        ['[01]', [0]],
        ['[1.]', [1]],
        ['[1.e5]', [1]],
        ['[-x]', []],
        ['+1', undefined],
        ['.5', undefined],
        ['"ab\\x"', 'ab'],
        ['"ab\\u00G0"', 'ab'],
        ['"ab\ncd"', 'ab'],
        ['["a", "b\u0000"]', ['a', 'b']],
        ['[1]]', [1]],
        ['{"a": [1}', { a: [1] }],
        ['```json\n{"a": 1}`x', { a: 1 }],
        ['{"a": 1}\n```', { a: 1 }],
      ]);
    });

    it('should never throw, whatever the input', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          expect(() => parsePartialJson(text)).not.toThrow();
        }),
      );
      const junk = [undefined, null, 42, {}, ['a']] as unknown[];
      for (const value of junk) expect(parsePartialJson(value as string)).toBeUndefined();
    });
  });
});
