import fc from 'fast-check';
import {
  AIMessageChunk,
  applyPatch,
  escapePointer,
  growthPatch,
  JsonPatchError,
  RxchainError,
  type Operation,
} from 'rxchain';
import { applyPatchForTest } from '../../support/jsonPatch';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The error `applyPatch` throws for `ops` on `doc`. */
function failure(doc: unknown, ops: readonly Operation[]): JsonPatchError {
  try {
    applyPatch(doc, ops);
  } catch (error) {
    if (error instanceof JsonPatchError) return error;
    throw error;
  }
  throw new Error('applyPatch did not throw');
}

describe('applyPatch', () => {
  describe('add', () => {
    it('should add a key, replace an existing key, and replace the whole document at ""', () => {
      expect(applyPatch({ a: 1 }, [{ op: 'add', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
      expect(applyPatch({ a: 1 }, [{ op: 'add', path: '/a', value: 3 }])).toEqual({ a: 3 });
      expect(applyPatch({ a: 1 }, [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
    });

    it('should append with "-", insert at an index, and append at index === length', () => {
      const doc = { list: ['a', 'c'] };
      expect(applyPatch(doc, [{ op: 'add', path: '/list/-', value: 'd' }])).toEqual({ list: ['a', 'c', 'd'] });
      expect(applyPatch(doc, [{ op: 'add', path: '/list/1', value: 'b' }])).toEqual({ list: ['a', 'b', 'c'] });
      expect(applyPatch(doc, [{ op: 'add', path: '/list/2', value: 'z' }])).toEqual({ list: ['a', 'c', 'z'] });
    });

    it('should unescape ~1 to "/" and ~0 to "~", in that order', () => {
      const doc = { 'a/b': { '~1': 0 } };
      expect(applyPatch(doc, [{ op: 'replace', path: '/a~1b/~01', value: 1 }])).toEqual({ 'a/b': { '~1': 1 } });
      expect(applyPatch({}, [{ op: 'add', path: `/${escapePointer('x~/y')}`, value: true }])).toEqual({ 'x~/y': true });
    });

    it('should make "__proto__" an own key, never the prototype', () => {
      const result = applyPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<
        string,
        unknown
      >;
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(Object.keys(result)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe('remove and replace', () => {
    it('should remove keys and array items', () => {
      expect(applyPatch({ a: 1, b: 2 }, [{ op: 'remove', path: '/a' }])).toEqual({ b: 2 });
      expect(applyPatch([1, 2, 3], [{ op: 'remove', path: '/1' }])).toEqual([1, 3]);
    });

    it('should replace keys, array items and the root', () => {
      expect(applyPatch({ a: { b: 1 } }, [{ op: 'replace', path: '/a/b', value: 'x' }])).toEqual({ a: { b: 'x' } });
      expect(applyPatch([1, 2], [{ op: 'replace', path: '/0', value: 9 }])).toEqual([9, 2]);
      expect(applyPatch(1, [{ op: 'replace', path: '', value: 2 }])).toBe(2);
    });

    it('should replace a key that is present with the value undefined', () => {
      expect(applyPatch({ final_output: undefined }, [{ op: 'replace', path: '/final_output', value: 1 }])).toEqual({
        final_output: 1,
      });
    });
  });

  describe('move, copy and test', () => {
    it('should move a value, removing it from its old place', () => {
      expect(applyPatch({ a: { x: 1 }, b: {} }, [{ op: 'move', from: '/a/x', path: '/b/y' }])).toEqual({
        a: {},
        b: { y: 1 },
      });
      expect(applyPatch([1, 2, 3], [{ op: 'move', from: '/0', path: '/-' }])).toEqual([2, 3, 1]);
      expect(applyPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/a' }])).toEqual({ a: 1 });
    });

    it('should copy a value so that later edits of one copy leave the other alone', () => {
      const result = applyPatch({ a: { list: [1] } }, [
        { op: 'add', path: '/a/list/-', value: 2 },
        { op: 'copy', from: '/a', path: '/b' },
        { op: 'add', path: '/b/list/-', value: 3 },
        { op: 'add', path: '/a/n', value: 0 },
      ]);
      expect(result).toEqual({ a: { list: [1, 2], n: 0 }, b: { list: [1, 2, 3] } });
    });

    it('should pass a test of an equal value, keys in any order, and fail one of a different value', () => {
      const doc = { a: { x: [1, { y: null }], z: 's' } };
      expect(applyPatch(doc, [{ op: 'test', path: '/a', value: { z: 's', x: [1, { y: null }] } }])).toBe(doc);
      const error = failure(doc, [{ op: 'test', path: '/a/z', value: 't' }]);
      expect(error.message).toBe(
        'Cannot apply JSON Patch operation 0 (test at "/a/z"): test failed: the value at "/a/z" is "s", not "t".',
      );
    });
  });

  describe('sharing', () => {
    it('should leave the document unchanged and share every sub-value the patch does not touch', () => {
      const doc = deepFreeze({ logs: { a: { n: 1 }, b: { n: 2 } }, out: [1] });
      const result = applyPatch(doc, [
        { op: 'replace', path: '/logs/a/n', value: 5 },
        { op: 'add', path: '/logs/a/m', value: 6 },
      ]) as typeof doc;
      expect(result).toEqual({ logs: { a: { n: 5, m: 6 }, b: { n: 2 } }, out: [1] });
      expect(doc.logs.a).toEqual({ n: 1 });
      expect(result.logs.b).toBe(doc.logs.b);
      expect(result.out).toBe(doc.out);
    });

    it('should never change a value an operation inserted, even when later operations edit inside it', () => {
      const entry = deepFreeze({ streamed_output: [] as string[] });
      const result = applyPatch({ logs: {} }, [
        { op: 'add', path: '/logs/x', value: entry },
        { op: 'add', path: '/logs/x/streamed_output/-', value: 'a' },
        { op: 'add', path: '/logs/x/streamed_output/-', value: 'b' },
      ]);
      expect(result).toEqual({ logs: { x: { streamed_output: ['a', 'b'] } } });
      expect(entry.streamed_output).toEqual([]);
    });

    it('should copy a container once per call however many operations go through it', () => {
      const big = Array.from({ length: 1000 }, (_, i) => i);
      const ops: Operation[] = Array.from({ length: 500 }, (_, i) => ({ op: 'add', path: '/big/-', value: 1000 + i }));
      const result = applyPatch(deepFreeze({ big }), ops) as { big: number[] };
      expect(result.big).toHaveLength(1500);
      expect(big).toHaveLength(1000);
    });

    it('should keep a null-prototype object null-prototype', () => {
      const doc = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
      const result = applyPatch(doc, [{ op: 'add', path: '/b', value: 2 }]) as object;
      expect(Object.getPrototypeOf(result)).toBeNull();
      expect({ ...result }).toEqual({ a: 1, b: 2 });
    });
  });

  describe('errors', () => {
    it.each<[string, unknown, Operation[], RegExp]>([
      ['a missing parent', { a: 1 }, [{ op: 'add', path: '/b/c', value: 2 }], /"\/b" does not exist\. Add it first/],
      [
        'a pointer without a leading slash',
        {},
        [{ op: 'add', path: 'a', value: 1 }],
        /"a" is not a JSON Pointer: it must be "" or start with "\/"/,
      ],
      ['a bad escape', {}, [{ op: 'add', path: '/a~2', value: 1 }], /"~0" \(for "~"\) or "~1" \(for "\/"\)/],
      [
        'an index past the end',
        { l: [1] },
        [{ op: 'add', path: '/l/5', value: 1 }],
        /"\/l\/5" is past the end of the array \(length 1\); use "-" to append/,
      ],
      [
        'a non-index array token',
        { l: [1] },
        [{ op: 'replace', path: '/l/01', value: 1 }],
        /"01" is not an array index/,
      ],
      [
        '"-" outside add',
        { l: [1] },
        [{ op: 'remove', path: '/l/-' }],
        /"-" \(the end of the array\) can only be the target/,
      ],
      [
        'replacing a missing key',
        {},
        [{ op: 'replace', path: '/a', value: 1 }],
        /"\/a" does not exist, so it cannot be replaced; use "add"/,
      ],
      ['removing a missing key', {}, [{ op: 'remove', path: '/a' }], /"\/a" does not exist, so it cannot be removed/],
      ['removing the document', {}, [{ op: 'remove', path: '' }], /the whole document cannot be removed/],
      [
        'a path through a number',
        { a: 1 },
        [{ op: 'add', path: '/a/b', value: 1 }],
        /"\/a" is 1, not an object or array/,
      ],
      [
        'a path through a class instance',
        { m: new AIMessageChunk('x') },
        [{ op: 'add', path: '/m/content', value: 'y' }],
        /"\/m" is a AIMessageChunk; applyPatch only goes into plain objects and arrays/,
      ],
      [
        'a move into its own child',
        { a: { b: {} } },
        [{ op: 'move', from: '/a', path: '/a/b/c' }],
        /cannot move "\/a" into its own child/,
      ],
      [
        'an unknown op',
        {},
        [{ op: 'merge', path: '/a' } as unknown as Operation],
        /unknown op "merge": use "add", "remove"/,
      ],
      ['a missing from', {}, [{ op: 'copy', path: '/a' } as unknown as Operation], /a copy needs a "from" string/],
    ])('should reject %s with a JsonPatchError that says what to do', (_case, doc, ops, message) => {
      const error = failure(doc, ops);
      expect(error).toBeInstanceOf(RxchainError);
      expect(error.name).toBe('JsonPatchError');
      expect(error.message).toMatch(/^Cannot apply JSON Patch operation 0 \(/);
      expect(error.message).toMatch(message);
      expect(error.index).toBe(0);
      expect(error.operation).toBe(ops[0]);
    });

    it('should name the failing operation by its position and leave the document as it was', () => {
      const doc = deepFreeze({ a: [1] });
      const ops: Operation[] = [
        { op: 'add', path: '/a/-', value: 2 },
        { op: 'remove', path: '/missing' },
      ];
      const error = failure(doc, ops);
      expect(error.index).toBe(1);
      expect(error.path).toBe('/missing');
      expect(error.message).toMatch(/^Cannot apply JSON Patch operation 1 \(remove at "\/missing"\)/);
      expect(doc).toEqual({ a: [1] });
    });

    it('should reject an operation that is not an object', () => {
      const error = failure({}, [null as unknown as Operation]);
      expect(error.message).toMatch(/an operation must be an object/);
      expect(error.path).toBeUndefined();
    });
  });

  describe('properties', () => {
    // growthPatch's operations between two random values: adds, removes and replaces at
    // every depth (it only promises to rebuild `after` for values that grow, so the
    // oracle here is the independent applier of spec/support, not `after`).
    it('should agree with an independent applier on random patches, changing nothing', () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
          const ops = growthPatch(before, after);
          const frozen = deepFreeze(structuredClone(before));
          expect(applyPatch(frozen, ops)).toEqual(applyPatchForTest(before, ops));
          expect(frozen).toEqual(before);
        }),
        { numRuns: 300 },
      );
    });

    it('should store and find any key through its escaped pointer', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.string(), { maxLength: 8 }), (keys) => {
          const ops: Operation[] = keys.flatMap((key, i) => [
            { op: 'add', path: `/${escapePointer(key)}`, value: { i } },
            { op: 'add', path: `/${escapePointer(key)}/seen`, value: [key] },
          ]);
          const tests: Operation[] = keys.map((key, i) => ({ op: 'test', path: `/${escapePointer(key)}/i`, value: i }));
          const result = applyPatch({}, [...ops, ...tests]) as Record<string, { i: number; seen: string[] }>;
          expect(Object.keys(result).sort()).toEqual([...keys].sort());
          keys.forEach((key, i) => expect(result[key]).toEqual({ i, seen: [key] }));
        }),
      );
    });
  });
});
