import fc from 'fast-check';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';

type Row = readonly [input: string, expected: unknown];

function expectRows(rows: readonly Row[]): void {
  for (const [input, expected] of rows) {
    // Wrap so a failure names the row.
    expect({ input, value: parsePartialJson(input) }).toStrictEqual({ input, value: expected });
  }
}

describe('parsePartialJson', () => {
  describe('containers', () => {
    it('should close open arrays and objects, dropping keys whose value has not started', () => {
      expectRows([
        ['', undefined],
        ['   \n\t', undefined],
        ['{', {}],
        ['[', []],
        ['{"', {}],
        ['{"a', {}],
        ['{"a"', {}],
        ['{"a" ', {}],
        ['{"a":', {}],
        ['{"a": ', {}],
        ['{"a":1', { a: 1 }],
        ['{"a":1 ', { a: 1 }],
        ['{"a":1,', { a: 1 }],
        ['{"a":1, "b', { a: 1 }],
        ['{"a":1, "b":', { a: 1 }],
        ['{"a":1, "b": [', { a: 1, b: [] }],
        ['[1,', [1]],
        ['[1, 2', [1, 2]],
        ['[1, 2]', [1, 2]],
        ['[[', [[]]],
        ['[[]', [[]]],
        ['[[],', [[]]],
        ['[{', [{}]],
        ['[{}, {"x": [', [{}, { x: [] }]],
        ['{"a":{"b":[1,{"c":', { a: { b: [1, {}] } }],
        ['{"a":{"b":[1,{"c":"d"}]}, "e": {', { a: { b: [1, { c: 'd' }] }, e: {} }],
      ]);
    });
  });

  describe('literals', () => {
    it('should complete every prefix of true, false and null', () => {
      expectRows([
        ['t', true],
        ['tr', true],
        ['tru', true],
        ['true', true],
        ['f', false],
        ['fa', false],
        ['fals', false],
        ['n', null],
        ['nu', null],
        ['nul', null],
        ['[t', [true]],
        ['[true, f', [true, false]],
        ['{"a": n', { a: null }],
        ['{"a": nu, ', { a: null }],
      ]);
    });
  });

  describe('strings', () => {
    it('should close an open string', () => {
      expectRows([
        ['"', ''],
        ['"abc', 'abc'],
        ['["abc', ['abc']],
        ['{"k": "ab', { k: 'ab' }],
      ]);
    });

    it('should decode every escape', () => {
      expectRows([
        ['"a\\nb', 'a\nb'],
        ['"a\\tb', 'a\tb'],
        ['"a\\rb', 'a\rb'],
        ['"a\\bb', 'a\bb'],
        ['"a\\fb', 'a\fb'],
        ['"a\\/b', 'a/b'],
        ['"a\\\\b', 'a\\b'],
        ['"a\\"b', 'a"b'],
        ['"\\u0041\\u00e9\\u4e16', 'Aé世'],
        ['"\\u00E9', 'é'],
        ['"\\ud83d\\ude00"', '😀'],
        ['"\\uD83D\\uDE00', '😀'],
      ]);
    });

    it('should drop an escape that is cut short', () => {
      expectRows([
        ['"ab\\', 'ab'],
        ['"ab\\u', 'ab'],
        ['"ab\\u0', 'ab'],
        ['"ab\\u00', 'ab'],
        ['"ab\\u004', 'ab'],
        ['"ab\\u0041', 'abA'],
        ['{"k": "ab\\', { k: 'ab' }],
      ]);
    });

    it('should hold back a high surrogate until its pair arrives', () => {
      expectRows([
        ['"x\\ud83d', 'x'],
        ['"x\\ud83d\\', 'x'],
        ['"x\\ud83d\\ude', 'x'],
        ['"x\\ud83d\\ude00', 'x😀'],
        ['"x\ud83d', 'x'],
        ['"x\ud83d\ude00', 'x😀'],
        // A lone surrogate in a complete string is kept, as JSON.parse does.
        ['"x\\ud83d"', 'x\ud83d'],
        ['"x\\ude00', 'x\ude00'],
      ]);
    });

    it('should pass unicode text through', () => {
      expectRows([
        ['"héllo 世界 😀 ‮', 'héllo 世界 😀 ‮'],
        ['{"日本": "東', { 日本: '東' }],
      ]);
    });
  });

  describe('numbers', () => {
    it('should drop the unfinished tail of a number', () => {
      expectRows([
        ['0', 0],
        ['-0', -0],
        ['-1', -1],
        ['12', 12],
        ['1.', 1],
        ['1.5', 1.5],
        ['-0.', -0],
        ['1e', 1],
        ['1E', 1],
        ['1e+', 1],
        ['1e-', 1],
        ['1e2', 100],
        ['1E+2', 100],
        ['-1.5e', -1.5],
        ['-1.5e-', -1.5],
        ['12.50e-1', 1.25],
        ['[1.5e', [1.5]],
        ['{"n": 2.', { n: 2 }],
      ]);
    });

    it('should treat a lone minus as a value that has not started', () => {
      expectRows([
        ['-', undefined],
        ['[-', []],
        ['[1,-', [1]],
        ['{"a":-', {}],
        ['{"a":1,"b":-', { a: 1 }],
        ['[-1', [-1]],
      ]);
    });
  });

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

  describe('agreement with JSON.parse', () => {
    it('should equal JSON.parse on complete documents', () => {
      const documents = [
        '0',
        '-0',
        '[-0, 0, -0.0, 0e5, -0e-5]',
        '12345678901234567890123',
        '1e400',
        '-1e400',
        '5e-324',
        '2e-400',
        '0.1',
        '1.7976931348623157e308',
        '9007199254740993',
        '"plain"',
        '""',
        '[]',
        '{}',
        '[[[]], {}, [{}], {"a": {"b": {}}}]',
        '{"a": 1, "b": 2, "a": 3}',
        '{"a": {"x": 1}, "a": {"y": 2}}',
        '{"2": "two", "b": "b", "1": "one"}',
        ' \t\r\n{ "a" : [ 1 , true , null ] } \n',
        '"\\u0000\\u001f \\ud800 \\udfff \\"\\\\\\/\\b\\f\\n\\r\\t"',
        '{"":""}',
      ];
      for (const text of documents) {
        expect({ text, value: parsePartialJson(text) }).toStrictEqual({ text, value: JSON.parse(text) });
      }
    });

    it('should create keys named like Object.prototype members as own data properties', () => {
      const text = '{"__proto__": {"polluted": true}, "constructor": 1, "toString": "s", "hasOwnProperty": null}';
      const value = parsePartialJson(text) as Record<string, unknown>;
      expect(value).toStrictEqual(JSON.parse(text));
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
      // An own enumerable data property, as JSON.parse makes it; read-only because values
      // handed out are frozen.
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toEqual({
        value: { polluted: true },
        writable: false,
        enumerable: true,
        configurable: false,
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('should keep a __proto__ key whose value is still streaming as an own property', () => {
      const value = parsePartialJson('{"a": 1, "__proto__": {"x": [1') as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ x: [1] });
    });

    it('should equal JSON.parse on arbitrary values, compact and pretty-printed', () => {
      fc.assert(
        fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.boolean(), (value, pretty) => {
          const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
          expect(parsePartialJson(text)).toStrictEqual(JSON.parse(text));
        }),
        { numRuns: 300 },
      );
    });

    it('should return a value for every prefix of a document without throwing', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
          const text = JSON.stringify(value);
          for (let end = 0; end <= text.length; end++) {
            const prefix = text.slice(0, end);
            const partial = parsePartialJson(prefix);
            // Once past a possible lone '-', a prefix of a document always has a value.
            if (prefix !== '' && prefix !== '-') expect(partial).not.toBeUndefined();
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
