import fc from 'fast-check';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';

describe('parsePartialJson', () => {
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
