import fc from 'fast-check';
import { escapePointer, growthPatch, PartialJsonParser } from 'rxchain';
import { applyPatchForTest } from '../../support/jsonPatch';

describe('growthPatch', () => {
  it('should add new keys and items and replace grown strings', () => {
    const first = { a: 'x', list: [1] };
    const second = { a: 'xy', list: [1, 2], b: true };
    expect(growthPatch(first, second)).toEqual([
      { op: 'replace', path: '/a', value: 'xy' },
      { op: 'add', path: '/list/1', value: 2 },
      { op: 'add', path: '/b', value: true },
    ]);
  });

  it('should skip unchanged references without walking them', () => {
    const big = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const after = [...big, { i: 1000 }];
    expect(growthPatch(big, after)).toEqual([{ op: 'add', path: '/1000', value: { i: 1000 } }]);
  });

  it('should escape pointer tokens and handle removals and shrinking', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(growthPatch({ 'a/b': 1, gone: 2 }, { 'a/b': 3 })).toEqual([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/a~1b', value: 3 },
    ]);
    expect(growthPatch([1, 2], [1])).toEqual([{ op: 'replace', path: '', value: [1] }]);
    expect(growthPatch(1, 'one')).toEqual([{ op: 'replace', path: '', value: 'one' }]);
  });

  it('should patch a "__proto__" key as an own property', () => {
    const previous = [{}];
    const next = JSON.parse('[{"__proto__":""}]') as unknown[];
    const patched = applyPatchForTest(previous, growthPatch(previous, next));
    expect(Object.keys((patched as Record<string, unknown>[])[0] as object)).toEqual(['__proto__']);
    expect(patched).toEqual(next);
  });

  it('should rebuild every value of an incremental parse when applied in order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 7 }), (value, size) => {
        const text = JSON.stringify(value);
        const parser = new PartialJsonParser();
        let previous: unknown;
        let started = false;
        let doc: unknown;
        for (let i = 0; i < text.length; i += size + 1) {
          if (!parser.push(text.slice(i, i + size + 1)) || parser.value === undefined) continue;
          const next = parser.value;
          doc = started ? applyPatchForTest(doc, growthPatch(previous, next)) : structuredClone(next);
          expect(doc).toEqual(next);
          previous = next;
          started = true;
        }
        expect(doc).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
