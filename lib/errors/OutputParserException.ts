import { OutputParserError } from './OutputParserError.js';

/**
 * LangChain.js's name for a parser failure: an `OutputParserError` (so
 * `instanceof OutputParserError` catches both) made with LangChain's arguments. The
 * built-in parsers and `withStructuredOutput` throw it, so a LangChain.js app's
 * `instanceof OutputParserException` check keeps working; throw it from your own
 * parser's `parse`. `observation` and `sendToLLM` are kept for agents that show the model
 * its mistake.
 *
 * @example
 * ```ts
 * import { OutputParserError, OutputParserException } from 'rxchain';
 *
 * const error = new OutputParserException('Expected a number', 'seven');
 * console.log(error instanceof OutputParserError, error.name, error.llmOutput); // => true, 'OutputParserException', 'seven'
 * ```
 */
export class OutputParserException extends OutputParserError {
  override name = 'OutputParserException';

  /** What to tell the model about its mistake. */
  readonly observation: string | undefined;

  /** Whether to send `observation` and `llmOutput` back to the model. */
  readonly sendToLLM: boolean;

  /**
   * @param message - what was wrong with the output.
   * @param llmOutput - the raw text that failed to parse. @default ''
   * @param observation - what to tell the model.
   * @param sendToLLM - whether to send it back to the model. @default false
   * @param options - the underlying `cause`, if any.
   */
  constructor(message: string, llmOutput = '', observation?: string, sendToLLM = false, options?: { cause?: unknown }) {
    super(message, llmOutput, options);
    this.observation = observation;
    this.sendToLLM = sendToLLM;
  }
}
