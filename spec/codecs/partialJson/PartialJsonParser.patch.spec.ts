import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import type { Operation } from '../../../lib/codecs/jsonPatch/Operation.js';
import { applyPatchForTest } from '../../support/jsonPatch';

/** Pushes `text` one character at a time and collects the non-empty patches. */
function patchesOf(text: string): { parser: PartialJsonParser; patches: Operation[][] } {
  const parser = new PartialJsonParser();
  const patches: Operation[][] = [];
  for (const char of text) {
    parser.push(char);
    const ops = parser.patch();
    if (ops.length > 0) patches.push(ops);
  }
  return { parser, patches };
}

describe('PartialJsonParser.patch', () => {
  it('should replace a growing string at its own path, one operation per character', () => {
    const { patches } = patchesOf('{"a": "xyz", "b": 1}');
    expect(patches).toStrictEqual([
      [{ op: 'replace', path: '', value: {} }],
      [{ op: 'add', path: '/a', value: '' }],
      [{ op: 'replace', path: '/a', value: 'x' }],
      [{ op: 'replace', path: '/a', value: 'xy' }],
      [{ op: 'replace', path: '/a', value: 'xyz' }],
      [{ op: 'add', path: '/b', value: 1 }],
    ]);
  });

  it('should escape keys with / and ~ in every path, each time they occur', () => {
    const text = '[{"a/b": "v", "c~d": [1]}, {"a/b": "w", "c~d": [2]}]';
    const { patches } = patchesOf(text);
    const paths = patches.flat().map((op) => op.path);
    expect(paths).toContain('/0/a~1b');
    expect(paths).toContain('/1/a~1b');
    expect(paths).toContain('/1/c~0d/0');
    expect(paths.some((path) => path.includes('a/b') || path.includes('c~d'))).toBe(false);
    const rebuilt = patches.reduce<unknown>((document, ops) => applyPatchForTest(document, ops), undefined);
    expect(rebuilt).toStrictEqual(JSON.parse(text));
  });

  it('should keep values and patches right past the number of keys it remembers', () => {
    // 600 distinct keys, then the first ones again and a key of Object.prototype's.
    const entries = Array.from({ length: 600 }, (_, i) => `"k${i}": ${i}`);
    const text = `{${entries.join(', ')}, "k0": "again", "constructor": 1, "__proto__": {"x": 1}}`;
    const { parser, patches } = patchesOf(text);
    const rebuilt = patches.reduce<unknown>((document, ops) => applyPatchForTest(document, ops), undefined);
    const expected: unknown = JSON.parse(text);
    expect(rebuilt).toStrictEqual(expected);
    expect(parser.value).toStrictEqual(expected);
    const value = parser.value as Record<string, unknown>;
    expect(Object.keys(value)[0]).toBe('k0');
    expect(value.k0).toBe('again');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
  });
});
