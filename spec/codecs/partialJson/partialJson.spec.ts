import { expectRows } from '../../support/partialJsonRows';

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
});
