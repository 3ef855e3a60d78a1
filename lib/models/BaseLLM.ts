import { defer, from, map, mergeMap, type Observable } from 'rxjs';
import { fromAsyncIterable } from '../adapters/fromAsyncIterable.js';
import type { InputMode } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { Runnable } from '../runnables/Runnable.js';
import { llmPrompt, type LLMInput } from './internal/llmPrompt.js';

export type { LLMInput } from './internal/llmPrompt.js';

/** The options a text model's `_generate`, `_call` and `_streamResponseChunks` receive. */
export interface LLMCallOptions {
  /** Sequences that end the generation. */
  readonly stop?: readonly string[] | undefined;
  /** The run's signal: pass it to network calls. */
  readonly signal?: AbortSignal | undefined;
  /** Which prompt of a `_generate` call this is (0 for a single prompt). */
  readonly promptIndex?: number | undefined;
  readonly [key: string]: unknown;
}

/**
 * The constructor fields of LangChain.js's text models (`BaseLLMParams`), accepted so that
 * ported subclasses can call `super(fields)`. rxchain takes tags, metadata, retries and
 * concurrency from `withConfig`, `withRetry` and the call's config instead, so these are
 * not read.
 */
export interface BaseLLMParams {
  readonly tags?: readonly string[] | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  readonly verbose?: boolean | undefined;
  readonly callbacks?: unknown;
  readonly cache?: unknown;
  readonly maxRetries?: number | undefined;
  readonly maxConcurrency?: number | undefined;
}

/** One piece of a text model's answer, as LangChain.js's `GenerationChunk` is: `{ text }`. */
export interface GenerationChunkLike {
  /** The text of the piece. */
  readonly text: string;
  /** Provider-specific information. */
  readonly generationInfo?: Record<string, unknown> | undefined;
}

/** What `_generate` returns, as LangChain.js's `LLMResult`: one list of generations per prompt. */
export interface LLMResultLike {
  /** The generations, per prompt. */
  readonly generations: readonly (readonly GenerationChunkLike[])[];
  /** Provider output (token usage...). */
  readonly llmOutput?: Record<string, unknown> | undefined;
}

/**
 * The base of text-in, text-out models (LangChain.js's `BaseLLM`): the input (a string,
 * a prompt value, messages) becomes one prompt string, and the answer streams as string
 * tokens. Its runs are `llm` runs (`on_llm_start`, `on_llm_stream`, `on_llm_end`), and
 * `invoke` returns the whole text.
 *
 * A subclass implements `_generate(prompts, options)` (or extends `LLM` and implements
 * `_call`), and may implement `_streamResponseChunks(prompt, options)`, an async
 * generator of `{ text }` chunks, to stream; without it the answer is one chunk. Classes
 * written for LangChain.js work unchanged: the third argument (LangChain's run manager)
 * is `undefined`, since the run's events come from the chunks themselves.
 *
 * @example
 * ```ts
 * import { BaseLLM, type LLMCallOptions } from 'rxchain';
 *
 * class Shout extends BaseLLM {
 *   _llmType(): string {
 *     return 'shout';
 *   }
 *   async _generate(prompts: string[], _options: LLMCallOptions) {
 *     return { generations: prompts.map((prompt) => [{ text: prompt.toUpperCase() }]) };
 *   }
 * }
 *
 * console.log(await new Shout().invoke('hello')); // => 'HELLO'
 * ```
 */
export abstract class BaseLLM extends Runnable<LLMInput, string> {
  /** Call options sent with every call (see `withCallOptions`). */
  protected callOptions: Readonly<Record<string, unknown>> = {};

  /**
   * @param fields - a subclass's constructor fields (LangChain.js's `BaseLLMParams` and
   *   its own), accepted so that ported classes can call `super(fields)`; not read.
   */
  constructor(fields?: object) {
    super();
    void fields;
  }

  override get runType(): RunType {
    return 'llm';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  /** The class name, as LangChain.js names a model's runs. */
  protected override get defaultName(): string {
    return this.constructor.name;
  }

  /** The kind of model, as LangChain.js's `_llmType()` says (`'openai'`, `'fake'`...). */
  abstract _llmType(): string;

  /**
   * Generates the answers to `prompts`.
   * @param prompts - the prompt texts.
   * @param options - the call options and the run's signal.
   * @returns one list of generations per prompt.
   */
  abstract _generate(prompts: string[], options: LLMCallOptions, runManager?: undefined): Promise<LLMResultLike>;

  /**
   * Streams the answer to `prompt`. Not implemented by default: the model then answers
   * in one chunk, from `_generate`.
   * @param prompt - the prompt text.
   * @param options - the call options and the run's signal.
   * @returns the chunks of the answer.
   */
  // eslint-disable-next-line require-yield
  async *_streamResponseChunks(
    prompt: string,
    options: LLMCallOptions,
    runManager?: undefined,
  ): AsyncGenerator<GenerationChunkLike> {
    void prompt;
    void options;
    void runManager;
    throw new Error('Not implemented.');
  }

  /**
   * The model's kind, as LangChain.js reports it.
   * @returns `'base_llm'`.
   */
  _modelType(): string {
    return 'base_llm';
  }

  /**
   * A copy of this model that sends `options` (`stop`, provider options) with every call;
   * later bindings add to earlier ones.
   *
   * @param options - the call options.
   * @returns a model of the same class that reports as this one.
   *
   * @example
   * ```ts
   * import { FakeLLM } from 'rxchain/testing';
   *
   * const model = new FakeLLM({}).withCallOptions({ stop: ['\n'] });
   * console.log(await model.invoke('echo')); // => 'echo'
   * ```
   */
  withCallOptions(options: Readonly<Record<string, unknown>>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.callOptions = { ...this.callOptions, ...options };
    return copy;
  }

  /** Events report the input as `{ prompts: [text] }`, as LangChain.js's text models do. */
  override inputForEvents(input: LLMInput): unknown {
    try {
      return { prompts: [llmPrompt(input)] };
    } catch {
      return input;
    }
  }

  /**
   * The answer to one prompt as an Observable of text chunks: `_streamResponseChunks` if
   * the class implements it, else `_generate`'s text in one chunk. Override it to stream
   * on an RxJS scheduler (the test doubles do).
   *
   * @param prompt - the prompt text.
   * @param options - the call options and the run's signal.
   * @param run - this run.
   * @returns the chunks.
   */
  protected _streamText(prompt: string, options: LLMCallOptions, run: RunContext): Observable<string> {
    void run;
    if (this._streamResponseChunks !== BaseLLM.prototype._streamResponseChunks) {
      return defer(() => fromAsyncIterable(this._streamResponseChunks(prompt, options, undefined))).pipe(map(textOf));
    }
    return defer(() => from(this._generate([prompt], { ...options, promptIndex: 0 }, undefined))).pipe(
      map((result) => result.generations[0]?.[0]?.text ?? ''),
    );
  }

  protected _step(input$: Observable<LLMInput>, run: RunContext): Observable<string> {
    return input$.pipe(
      mergeMap((input) => this._streamText(llmPrompt(input), { ...this.callOptions, signal: run.signal }, run)),
    );
  }
}

function textOf(chunk: GenerationChunkLike | string): string {
  return typeof chunk === 'string' ? chunk : typeof chunk?.text === 'string' ? chunk.text : '';
}
