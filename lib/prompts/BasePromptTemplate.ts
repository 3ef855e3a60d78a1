import { concatMap, map, type Observable } from 'rxjs';
import { Runnable } from '../runnables/Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { checkedPartials, hasFunctionPartials, resolvePartials, type PartialValues } from './partialVariables.js';

/** The variables a prompt is formatted with. */
export type PromptVariables = Record<string, unknown>;

/** What a prompt accepts: its variables, or a single-variable template's bare value. */
export type PromptInput = PromptVariables | string | number | boolean | bigint | readonly unknown[];

/**
 * The base of prompt templates: a non-streaming step of run type `prompt` that formats
 * its whole input (an object of variables) into a prompt value.
 *
 * A template with exactly one variable also accepts that variable's value directly, so
 * `prompt.invoke('cats')` works like `prompt.invoke({ topic: 'cats' })`. Partial variables
 * (`partialVariables`, `partial()` on `PromptTemplate` and `ChatPromptTemplate`) are
 * filled in under the given ones; `invoke` and `stream` wait for a partial function that
 * returns a Promise.
 *
 * @example
 * ```ts
 * import { BasePromptTemplate, PromptTemplate } from 'rxchain';
 *
 * const prompt = PromptTemplate.fromTemplate('Tell me about {topic}');
 * console.log(prompt instanceof BasePromptTemplate, prompt.runType); // => true, 'prompt'
 * console.log((await prompt.invoke('cats')).toString()); // => 'Tell me about cats'
 * ```
 */
export abstract class BasePromptTemplate<O> extends Runnable<PromptInput, O> {
  /** The variables the template needs, in order of appearance. */
  abstract readonly inputVariables: readonly string[];

  /** The variables filled in before formatting, by name; a given value wins. */
  readonly partialVariables: PartialValues;
  /** Whether a partial value is a function, which a run may have to wait for. */
  readonly #callsPartials: boolean;

  /**
   * @param partialVariables - variables filled in before formatting (text, or a function
   *   called at each format).
   * @throws InvalidArgumentError when a partial value is neither text nor a function.
   */
  constructor(partialVariables?: PartialValues) {
    super();
    this.partialVariables = checkedPartials(partialVariables);
    this.#callsPartials = hasFunctionPartials(this.partialVariables);
  }

  /** One value, carried by the end event; a root prompt reports it as its output. */
  override get chunkReporting(): ChunkReporting {
    return 'rootOutput';
  }

  override get runType(): RunType {
    return 'prompt';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  /**
   * Formats the variables into the prompt value.
   * @throws MissingPromptVariableError when a variable has no value.
   */
  abstract formatPromptValue(values: PromptVariables): O;

  /** The variables, with a single-variable template's bare value wrapped. */
  protected variablesFrom(input: unknown): PromptVariables {
    if (input !== null && typeof input === 'object' && !Array.isArray(input)) return input as PromptVariables;
    const [only, ...others] = this.inputVariables;
    if (only !== undefined && others.length === 0) return { [only]: input };
    throw new InvalidArgumentError(
      'input',
      `A prompt template takes an object of variables (${this.inputVariables.map((v) => `"${v}"`).join(', ') || 'none'}), ` +
        `got ${input === null ? 'null' : typeof input}.`,
    );
  }

  protected _step(input$: Observable<PromptInput>, _run: RunContext): Observable<O> {
    if (!this.#callsPartials) {
      return input$.pipe(map((input) => this.formatPromptValue(this.variablesFrom(input))));
    }
    return input$.pipe(
      concatMap(async (input) =>
        this.formatPromptValue(await resolvePartials(this.partialVariables, this.variablesFrom(input))),
      ),
    );
  }
}
