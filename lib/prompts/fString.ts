import { PromptTemplateError } from '../errors/PromptTemplateError.js';
import { MissingPromptVariableError } from '../errors/MissingPromptVariableError.js';

/** A parsed template: literal text and variable names, in order. */
export type TemplatePart = { readonly literal: string } | { readonly variable: string };

/**
 * Parses an f-string template: `{name}` is a variable, `{{` and `}}` are literal braces.
 *
 * @param template - the template text.
 * @returns its parts.
 * @throws PromptTemplateError for an unmatched brace or an empty variable name.
 */
export function parseFString(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i] as string;
    if (ch === '{') {
      if (template[i + 1] === '{') {
        literal += '{';
        i += 2;
        continue;
      }
      const close = template.indexOf('}', i + 1);
      const nextOpen = template.indexOf('{', i + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        throw new PromptTemplateError(template, i, 'unmatched "{"');
      }
      const name = template.slice(i + 1, close).trim();
      if (name === '') throw new PromptTemplateError(template, i, 'empty variable name "{}"');
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ variable: name });
      i = close + 1;
    } else if (ch === '}') {
      if (template[i + 1] === '}') {
        literal += '}';
        i += 2;
        continue;
      }
      throw new PromptTemplateError(template, i, 'unmatched "}"');
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}

/** The distinct variable names of parsed parts, in order of appearance. */
export function variablesOf(parts: readonly TemplatePart[]): string[] {
  const names: string[] = [];
  for (const part of parts) if ('variable' in part && !names.includes(part.variable)) names.push(part.variable);
  return names;
}

/** Formats one value for a template: strings as they are, other values as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { toString?: unknown }).toString === 'function'
  ) {
    const text = (value as { toString(): string }).toString();
    if (text !== '[object Object]') return text;
  }
  return JSON.stringify(value);
}

/**
 * Fills parsed parts with values.
 * @throws MissingPromptVariableError when a variable has no value.
 */
export function renderFString(parts: readonly TemplatePart[], values: Readonly<Record<string, unknown>>): string {
  let text = '';
  for (const part of parts) {
    if ('literal' in part) {
      text += part.literal;
      continue;
    }
    const value = values[part.variable];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(values, part.variable)) {
      throw new MissingPromptVariableError(part.variable, Object.keys(values));
    }
    text += formatValue(value);
  }
  return text;
}
