import fc from 'fast-check';
import { ChatPromptTemplate, MissingPromptVariableError, PromptTemplate, PromptTemplateError } from 'rxchain';

const SETTINGS = { seed: 20261122, numRuns: 400 };

/** Text with no braces: any unicode, emoji and combining marks included. */
const literal = fc.string({ unit: 'grapheme', maxLength: 6 }).filter((t) => !/[{}]/.test(t));
/** A variable name: no braces, not blank (inner spaces are part of the name, outer ones are trimmed). */
const name = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 5 })
  .filter((n) => !/[{}]/.test(n) && n.trim() !== '');

type Segment = { literal: string } | { brace: '{' | '}' } | { variable: string; pad: string };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  literal.map((text) => ({ literal: text })),
  fc.constantFrom<'{' | '}'>('{', '}').map((brace) => ({ brace })),
  fc.record({ variable: name, pad: fc.constantFrom('', ' ', '  ') }),
);

/** A template written from segments, and what it should render to. */
function write(
  segments: readonly Segment[],
  values: Readonly<Record<string, string>>,
): { template: string; expected: string } {
  let template = '';
  let expected = '';
  for (const s of segments) {
    if ('literal' in s) {
      template += s.literal;
      expected += s.literal;
    } else if ('brace' in s) {
      template += s.brace + s.brace;
      expected += s.brace;
    } else {
      template += `{${s.pad}${s.variable}${s.pad}}`;
      expected += values[s.variable.trim()];
    }
  }
  return { template, expected };
}

const namesOf = (segments: readonly Segment[]): string[] => [
  ...new Set(segments.flatMap((s) => ('variable' in s ? [s.variable.trim()] : []))),
];

/** Values, braces and unicode included: they are inserted as they are, never parsed. */
const value = fc.string({ unit: 'grapheme', maxLength: 6 });

describe('f-string templates (properties)', () => {
  it('should render every literal, escaped brace and variable of a random template', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 8 }),
        fc.array(value, { minLength: 8, maxLength: 8 }),
        (segments, pool) => {
          const names = namesOf(segments);
          const values = Object.fromEntries(names.map((n, i) => [n, pool[i % pool.length] as string]));
          const { template, expected } = write(segments, values);
          const prompt = PromptTemplate.fromTemplate(template);
          expect(prompt.inputVariables).toEqual(names);
          expect(prompt.format(values)).toBe(expected);
        },
      ),
      SETTINGS,
    );
  });

  it('should render the same text in a chat prompt message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), value, async (segments, filler) => {
        const values = Object.fromEntries(namesOf(segments).map((n) => [n, filler]));
        const { template, expected } = write(segments, values);
        const messages = (await ChatPromptTemplate.fromMessages([['human', template]]).invoke(values)).toChatMessages();
        expect(messages[0]?.content).toBe(expected);
      }),
      { ...SETTINGS, numRuns: 100 },
    );
  });

  it('should name the variable that has no value', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.nat(), (segments, pick) => {
        const names = namesOf(segments);
        fc.pre(names.length > 0);
        const missing = names[pick % names.length] as string;
        const values = Object.fromEntries(names.filter((n) => n !== missing).map((n) => [n, 'v']));
        const prompt = PromptTemplate.fromTemplate(write(segments, { ...values, [missing]: '' }).template);
        const error = (() => {
          try {
            prompt.format(values);
            return undefined;
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(MissingPromptVariableError);
        expect((error as MissingPromptVariableError).variableName).toBe(missing);
      }),
      SETTINGS,
    );
  });

  it('should either parse arbitrary text or reject it with a PromptTemplateError pointing at a brace', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', 'a', ' ', 'é', '😀'), maxLength: 12 }), (text) => {
        let error: unknown;
        try {
          PromptTemplate.fromTemplate(text);
        } catch (e) {
          error = e;
        }
        if (error === undefined) return;
        expect(error).toBeInstanceOf(PromptTemplateError);
        const { position, template } = error as PromptTemplateError;
        expect(template).toBe(text);
        expect(['{', '}']).toContain(text[position]);
      }),
      SETTINGS,
    );
  });

  it('should reject otherwise valid text with one unmatched brace added before or after it', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.constantFrom('{', '}'), fc.nat(), (segments, brace, at) => {
        const { template } = write(segments, {});
        const broken = at % 2 === 0 ? template + brace : brace + template;
        expect(() => PromptTemplate.fromTemplate(broken)).toThrow(PromptTemplateError);
      }),
      SETTINGS,
    );
  });
});
