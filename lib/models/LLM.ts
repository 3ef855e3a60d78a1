import { BaseLLM, type LLMCallOptions, type LLMResultLike } from './BaseLLM.js';

/**
 * A text model written as one function (LangChain.js's `LLM`): implement
 * `_call(prompt, options)` returning the answer, and optionally `_streamResponseChunks`
 * to stream it. `_generate` calls `_call` once per prompt.
 *
 * @example
 * ```ts
 * import { LLM, type LLMCallOptions } from 'rxchain';
 *
 * class Reverse extends LLM {
 *   _llmType(): string {
 *     return 'reverse';
 *   }
 *   async _call(prompt: string, _options: LLMCallOptions): Promise<string> {
 *     return [...prompt].reverse().join('');
 *   }
 * }
 *
 * console.log(await new Reverse().invoke('abc')); // => 'cba'
 * ```
 */
export abstract class LLM extends BaseLLM {
  /**
   * Answers one prompt.
   * @param prompt - the prompt text.
   * @param options - the call options and the run's signal.
   * @returns the answer.
   */
  abstract _call(prompt: string, options: LLMCallOptions, runManager?: undefined): Promise<string>;

  async _generate(prompts: string[], options: LLMCallOptions): Promise<LLMResultLike> {
    const texts = await Promise.all(
      prompts.map((prompt, promptIndex) => this._call(prompt, { ...options, promptIndex }, undefined)),
    );
    return { generations: texts.map((text) => [{ text }]) };
  }
}
