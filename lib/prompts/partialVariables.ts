import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { unknownOptionError } from '../errors/internal/unknownOption.js';
import { isPromiseLike } from '../core/internal/isPromiseLike.js';

/**
 * The value of a partial variable: fixed text, or a function called each time the
 * template is formatted (for a value that changes, like today's date). A function may
 * return a Promise when the template is run with `invoke` / `stream`.
 */
export type PartialValue = string | (() => string | Promise<string>);

/** Partial variables by name, as in LangChain.js's `partialVariables`. */
export type PartialValues = Readonly<Record<string, PartialValue>>;

/** The variables a template is formatted with (`PromptVariables`). */
type PromptVariables = Record<string, unknown>;

const NONE: PartialValues = Object.freeze({});

/** The partial values, checked and frozen (a shared empty object when there are none). */
export function checkedPartials(partials: PartialValues | undefined): PartialValues {
  if (partials === undefined) return NONE;
  if (partials === null || typeof partials !== 'object' || Array.isArray(partials)) {
    throw new InvalidArgumentError('partialVariables', 'partialVariables must be an object of names to values.');
  }
  const entries = Object.entries(partials);
  if (entries.length === 0) return NONE;
  for (const [name, value] of entries) {
    if (typeof value !== 'string' && typeof value !== 'function') {
      throw new InvalidArgumentError(
        'partialVariables',
        `Partial variable "${name}" must be a string or a function returning one, got ${value === null ? 'null' : typeof value}.`,
      );
    }
  }
  return Object.freeze({ ...partials });
}

/** Whether any partial value is a function (so formatting may have to wait for it). */
export function hasFunctionPartials(partials: PartialValues): boolean {
  for (const name in partials) if (typeof partials[name] === 'function') return true;
  return false;
}

/**
 * The variables with the partial ones filled in under them (a given value wins), each
 * function called now.
 *
 * @throws InvalidArgumentError when a function returns a Promise (only `invoke` and
 *   `stream` wait for one; `format` is synchronous).
 */
export function withPartials(partials: PartialValues, values: PromptVariables): PromptVariables {
  let merged: PromptVariables | undefined;
  for (const name in partials) {
    if (values[name] !== undefined) continue;
    const partial = partials[name] as PartialValue;
    const value = typeof partial === 'function' ? partial() : partial;
    if (isPromiseLike(value)) {
      throw new InvalidArgumentError(
        'partialVariables',
        `Partial variable "${name}" returned a Promise, which format() cannot wait for. ` +
          'Run the template with invoke() or stream() (they wait for it), or make the function return a string.',
      );
    }
    merged ??= { ...values };
    merged[name] = value;
  }
  return merged ?? values;
}

/** Like `withPartials`, waiting for the functions that return a Promise. */
export async function resolvePartials(partials: PartialValues, values: PromptVariables): Promise<PromptVariables> {
  const merged: PromptVariables = { ...values };
  for (const name in partials) {
    if (values[name] !== undefined) continue;
    const partial = partials[name] as PartialValue;
    merged[name] = typeof partial === 'function' ? await partial() : partial;
  }
  return merged;
}

/**
 * The input variables of a template: the declared ones if given, else those found in
 * the text, without the partial ones.
 *
 * @throws InvalidArgumentError when the text uses a variable that is neither declared
 *   nor partial.
 */
export function inputVariablesOf(
  found: readonly string[],
  declared: readonly string[] | undefined,
  partials: PartialValues,
): readonly string[] {
  if (declared !== undefined) {
    const missing = found.filter((name) => !declared.includes(name) && !Object.hasOwn(partials, name));
    if (missing.length > 0) {
      throw new InvalidArgumentError(
        'inputVariables',
        `The template uses ${missing.map((name) => `{${name}}`).join(', ')}, which inputVariables does not list ` +
          'and partialVariables does not fill. Add them to one of the two, or leave inputVariables out: ' +
          'rxchain reads the variables from the template.',
      );
    }
  }
  return (declared ?? found).filter((name) => !Object.hasOwn(partials, name));
}

/**
 * Checks the options of a template's constructor: every key known, and the template
 * format f-string (the only one supported).
 *
 * @throws InvalidArgumentError naming the unknown key or the unsupported format.
 */
export function checkTemplateOptions(
  method: string,
  options: { readonly templateFormat?: unknown },
  known: readonly string[],
): void {
  const unknown = unknownOptionError(method, options, known);
  if (unknown !== undefined) throw unknown;
  const format = options.templateFormat;
  if (format !== undefined && format !== 'f-string') {
    throw new InvalidArgumentError(
      'templateFormat',
      `Only "f-string" templates ({name}) are supported, got ${JSON.stringify(format)}; rewrite {{name}} as {name}.`,
    );
  }
}
