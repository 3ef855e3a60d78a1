import fc from 'fast-check';
import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import {
  split,
  everyN,
  Step,
  stream,
  emitted,
  expectSharedPrefix,
  COUNTRIES,
  FRANCE,
  SPAIN,
} from './PartialJsonParser.helpers';

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
});
