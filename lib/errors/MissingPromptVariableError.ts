import { RxchainError } from './RxchainError.js';

/**
 * Raised when a prompt template is formatted without a value for one of its variables.
 *
 * @example
 * ```ts
 * import { PromptTemplate, MissingPromptVariableError } from 'rxchain';
 *
 * const prompt = PromptTemplate.fromTemplate('Tell me a joke about {topic}');
 * const error = await prompt.invoke({ subject: 'cats' }).catch((e: unknown) => e);
 * console.log(error instanceof MissingPromptVariableError); // => true
 * console.log((error as MissingPromptVariableError).variableName); // => 'topic'
 * ```
 */
export class MissingPromptVariableError extends RxchainError {
  override name = 'MissingPromptVariableError';

  /** Never retried: the same variables fail the same way. */
  readonly isRetryable: boolean = false;

  /**
   * @param variableName - the variable that had no value.
   * @param givenVariables - the names of the variables that were given.
   */
  constructor(
    readonly variableName: string,
    readonly givenVariables: readonly string[],
  ) {
    const given = givenVariables.length > 0 ? givenVariables.map((v) => `"${v}"`).join(', ') : 'none';
    super(
      `Missing value for prompt variable "${variableName}" (variables given: ${given}). ` +
        `Pass { ${variableName}: ... } to invoke().`,
    );
  }
}
