import { PartialJsonParser } from '../../../lib/codecs/partialJson/PartialJsonParser.js';
import { parsePartialJson } from '../../../lib/codecs/partialJson/partialJson.js';
import { InvalidArgumentError, JsonDepthError } from 'rxchain';

describe('PartialJsonParser on adversarial input', () => {
  describe('maxDepth', () => {
    it('should stop at the bracket that passes the default limit of 1,000, with a JsonDepthError', () => {
      const parser = new PartialJsonParser();
      parser.push('['.repeat(10_000));
      const error = parser.depthError;
      expect(error).toBeInstanceOf(JsonDepthError);
      expect(error?.limit).toBe(1000);
      expect(error?.position).toBe(1000);
      expect(error?.message).toMatch(/deeper than 1000 levels at position 1000.*maxDepth/);
      const result = parser.finish();
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/deeper than 1000/), position: 1000 });
    });

    it('should stop the same way when the brackets come one by one, and ignore what follows', () => {
      const parser = new PartialJsonParser({ maxDepth: 3 });
      for (const char of '[{"a":[[1]]}]') parser.push(char);
      expect(parser.depthError?.position).toBe(7);
      expect(parser.value).toEqual([{ a: [] }]);
    });

    it('should accept a document exactly as deep as the limit', () => {
      const parser = new PartialJsonParser({ maxDepth: 3 });
      parser.push('[{"a":[1]}]');
      expect(parser.depthError).toBeUndefined();
      expect(parser.finish()).toEqual({ ok: true, value: [{ a: [1] }] });
    });

    it('should count objects as well as arrays', () => {
      const parser = new PartialJsonParser({ maxDepth: 2 });
      parser.push('{"a":{"b":{');
      expect(parser.depthError?.limit).toBe(2);
      expect(parser.value).toEqual({ a: {} });
    });

    it('should reject a maxDepth that is not a positive integer', () => {
      expect(() => new PartialJsonParser({ maxDepth: 0 })).toThrow(InvalidArgumentError);
      expect(() => new PartialJsonParser({ maxDepth: 1.5 })).toThrow(InvalidArgumentError);
    });

    it('should never overflow the stack however deep the input (no RangeError)', () => {
      expect(() => parsePartialJson('[{"a":'.repeat(200_000))).not.toThrow();
    });
  });

  describe('long numbers', () => {
    it('should show a long number as it grows and give its exact value once complete', () => {
      const parser = new PartialJsonParser();
      const digits = '1'.repeat(400);
      parser.push('[');
      for (const digit of digits) parser.push(digit);
      expect(parser.value).toEqual([Infinity]);
      parser.push(']');
      expect(parser.finish()).toEqual({ ok: true, value: [Number(digits)] });
    });

    it('should keep the value of the first 1,100 characters of an unfinished number, then the exact one', () => {
      const text = `0.${'0'.repeat(1200)}5e1200`;
      const parser = new PartialJsonParser();
      for (const char of text) parser.push(char);
      expect(parser.value).toBe(0);
      expect(parser.finish()).toEqual({ ok: true, value: JSON.parse(text) });
      expect(JSON.parse(text)).toBe(5e-1);
    });

    it('should give the same value whatever the chunking', () => {
      const text = `[-${'9'.repeat(1500)}.5e`;
      const whole = parsePartialJson(text);
      const parser = new PartialJsonParser();
      for (const char of text) parser.push(char);
      expect(parser.value).toEqual(whole);
    });
  });
});
