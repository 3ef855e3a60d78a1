import { LLM } from '../models/LLM.js';

/** Options of `FakeLLM`, as in LangChain.js. */
export interface FakeLLMOptions {
  /** The answer to every prompt. @default the prompt itself */
  response?: string | undefined;
  /** Fail every call with an `Error` of this message. */
  thrownErrorString?: string | undefined;
}

/**
 * LangChain.js's `FakeLLM`: a text model that answers every prompt with `response` (or
 * with the prompt itself), in one chunk, or fails with `thrownErrorString`.
 *
 * @example
 * ```ts
 * import { FakeLLM } from 'rxchain/testing';
 *
 * console.log(await new FakeLLM({ response: 'hi there' }).invoke('hello')); // => 'hi there'
 * console.log(await new FakeLLM({}).invoke('echo me')); // => 'echo me'
 * ```
 */
export class FakeLLM extends LLM {
  /** The answer to every prompt, if set. */
  response: string | undefined;
  /** The message every call fails with, if set. */
  thrownErrorString: string | undefined;

  /**
   * @param fields - the answer, or the error to fail with.
   */
  constructor(fields: FakeLLMOptions = {}) {
    super();
    this.response = fields.response;
    this.thrownErrorString = fields.thrownErrorString;
  }

  protected override get defaultName(): string {
    return 'FakeLLM';
  }

  _llmType(): string {
    return 'fake';
  }

  async _call(prompt: string): Promise<string> {
    if (this.thrownErrorString !== undefined) throw new Error(this.thrownErrorString);
    return this.response ?? prompt;
  }
}
