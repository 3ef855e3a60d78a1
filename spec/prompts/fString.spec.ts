// fString is internal (not exported from 'rxchain'); the templates build on it.
import { PromptTemplateError, MissingPromptVariableError, StringPromptValue } from 'rxchain';
import { formatValue, parseFString, renderFString, variablesOf } from '../../lib/prompts/fString.js';

function parseError(template: string): PromptTemplateError {
  try {
    parseFString(template);
  } catch (error) {
    if (error instanceof PromptTemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(template)} to be rejected`);
}

describe('fString', () => {
  describe('parseFString', () => {
    it('should split literals and variables in order', () => {
      expect(parseFString('Hi {name}, you are {age}.')).toEqual([
        { literal: 'Hi ' },
        { variable: 'name' },
        { literal: ', you are ' },
        { variable: 'age' },
        { literal: '.' },
      ]);
    });

    it('should return no parts for an empty template', () => {
      expect(parseFString('')).toEqual([]);
    });

    it('should read {{ and }} as literal braces', () => {
      expect(parseFString('{{"a": {x}}}')).toEqual([{ literal: '{"a": ' }, { variable: 'x' }, { literal: '}' }]);
    });

    it('should read {{{x}}} as a variable inside literal braces', () => {
      expect(parseFString('{{{x}}}')).toEqual([{ literal: '{' }, { variable: 'x' }, { literal: '}' }]);
    });

    it('should trim spaces around a variable name', () => {
      expect(parseFString('{ name }')).toEqual([{ variable: 'name' }]);
    });

    it.each([
      ['Hello {name', 6, /unmatched "\{"/],
      ['Hello name}', 10, /unmatched "\}"/],
      ['{a{b}', 0, /unmatched "\{"/],
      ['{a}}', 3, /unmatched "\}"/],
      ['x {} y', 2, /empty variable name/],
      ['{  }', 0, /empty variable name/],
    ])('should reject %p at position %p', (template, position, problem) => {
      const error = parseError(template);
      expect(error.template).toBe(template);
      expect(error.position).toBe(position);
      expect(error.message).toMatch(problem);
      expect(error.message).toMatch(/"\{\{" or "\}\}"/);
    });
  });

  describe('variablesOf', () => {
    it('should list distinct variable names in order of first appearance', () => {
      expect(variablesOf(parseFString('{b} {a} {b}'))).toEqual(['b', 'a']);
    });
  });

  describe('formatValue', () => {
    it('should keep strings as they are', () => {
      expect(formatValue('x "y"')).toBe('x "y"');
    });

    it('should print numbers, booleans and bigints', () => {
      expect([formatValue(1.5), formatValue(false), formatValue(10n)]).toEqual(['1.5', 'false', '10']);
    });

    it('should format plain objects, arrays and null as JSON', () => {
      expect(formatValue({ a: 1 })).toBe('{"a":1}');
      expect(formatValue(['a', 'b'])).toBe('["a","b"]');
      expect(formatValue([{ a: 1 }, { b: 2 }])).toBe('[{"a":1},{"b":2}]');
      expect(formatValue(null)).toBe('null');
    });

    it('should use a meaningful toString of an object', () => {
      expect(formatValue(new StringPromptValue('as text'))).toBe('as text');
    });
  });

  describe('renderFString', () => {
    it('should fill variables with formatted values', () => {
      expect(renderFString(parseFString('{a}-{b}-{c}'), { a: 'x', b: 2, c: { k: true } })).toBe('x-2-{"k":true}');
    });

    it('should throw MissingPromptVariableError for an absent or undefined value', () => {
      expect(() => renderFString(parseFString('{a}'), {})).toThrow(MissingPromptVariableError);
      expect(() => renderFString(parseFString('{a}'), { a: undefined })).toThrow(MissingPromptVariableError);
    });

    it('should not take a value from the prototype chain', () => {
      expect(() => renderFString(parseFString('{toString}'), {})).toThrow(MissingPromptVariableError);
    });

    it('should fill a null value as null', () => {
      expect(renderFString(parseFString('{a}'), { a: null })).toBe('null');
    });
  });
});
