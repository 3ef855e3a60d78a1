import { RxchainError } from './RxchainError.js';

/**
 * An error that happened on the other side of an event stream, revived from its `name`
 * and `message` (the stack and any other field stay on the server). `name` is the
 * original error's name, so `error.name === 'TimeoutError'` still works;
 * `instanceof RemoteRunError` tells that it came over the wire; `runName` names the remote
 * run it failed in, when the server said.
 *
 * @example
 * ```ts
 * import { RemoteRunError } from 'rxchain';
 *
 * const error = new RemoteRunError('TypeError', 'x is not a function');
 * console.log(error.name, error.message); // => 'TypeError', 'x is not a function'
 * console.log(error.isRetryable, new RemoteRunError('AbortError', 'stopped').isRetryable); // => true, false
 * ```
 */
export class RemoteRunError extends RxchainError {
  /** The name of the remote run the error surfaced in (the innermost failing run), if known. */
  readonly runName: string | undefined;

  /**
   * Whether retrying may help: false when the original error is one that fails the same
   * way every time (`AbortError`, `InvalidArgumentError`, `JsonPatchError`,
   * `MissingPromptVariableError`, `PromptTemplateError`, `RecursionLimitError`,
   * `ToolInputError`), true otherwise.
   */
  readonly isRetryable: boolean;

  /**
   * @param name - the original error's name.
   * @param message - the original error's message.
   * @param runName - the failing remote run's name, if known.
   */
  constructor(name: string, message: string, runName?: string) {
    super(message);
    this.name = name;
    this.runName = runName;
    this.isRetryable = !DETERMINISTIC.has(name);
  }
}

const DETERMINISTIC: ReadonlySet<string> = new Set([
  'AbortError',
  'InvalidArgumentError',
  'JsonPatchError',
  'MissingPromptVariableError',
  'NestingDepthError',
  'PromptTemplateError',
  'RecursionLimitError',
  'ToolInputError',
]);
