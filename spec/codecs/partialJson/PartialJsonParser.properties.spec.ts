import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';
import { applyPatchForTest } from '../../support/jsonPatch';
import { split, Step, stream, isValidJson } from './PartialJsonParser.helpers';

describe('PartialJsonParser', () => {
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
});
