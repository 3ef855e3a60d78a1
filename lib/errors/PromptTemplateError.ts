import { RxchainError } from './RxchainError.js';

/**
 * Raised when a prompt template's text cannot be parsed, for example an unmatched `{`.
 *
 * @example
 * ```ts
 * import { PromptTemplate, PromptTemplateError } from 'rxchain';
 *
 * try {
 *   PromptTemplate.fromTemplate('Hello {name');
 * } catch (error) {
 *   console.log(error instanceof PromptTemplateError); // => true
 * }
 * ```
 */
export class PromptTemplateError extends RxchainError {
  override name = 'PromptTemplateError';

  /** Never retried: the same template fails the same way. */
  readonly isRetryable: boolean = false;

  /**
   * @param template - the template text.
   * @param position - the offset of the offending character.
   * @param problem - what is wrong there.
   */
  constructor(
    readonly template: string,
    readonly position: number,
    problem: string,
  ) {
    super(
      `Invalid prompt template at position ${position}: ${problem}. ` +
        'Write a literal brace as "{{" or "}}" and a variable as {name}.',
    );
  }
}
