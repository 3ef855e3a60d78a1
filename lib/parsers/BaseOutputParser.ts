import { concatMap, type Observable } from 'rxjs';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import { Runnable } from '../runnables/Runnable.js';
import { resolved } from './internal/resolved.js';

/** What a parser reads, as LangChain.js's `Generation` / `ChatGeneration`: the text, and the message it came from. */
export interface Generation {
  /** The text. */
  readonly text: string;
  /** The message, when the text came from a chat model. */
  readonly message?: BaseMessage | undefined;
}

/** What an output parser accepts: text, or a message (its text is parsed). */
export type ParserInput = string | BaseMessage;

/**
 * The base of output parsers (LangChain.js's `BaseOutputParser`): a step of run type
 * `parser` that waits for the whole model output, then returns `parse(text)`. Extend it
 * and implement `parse` (it may be `async`); an error it throws (an
 * `OutputParserException`, say) fails the run on the error channel. To parse while the
 * model streams, extend `BaseTransformOutputParser` or
 * `BaseCumulativeTransformOutputParser` instead.
 *
 * @typeParam T - what the parser returns.
 *
 * @example
 * ```ts
 * import { BaseOutputParser } from 'rxchain';
 *
 * class WordCount extends BaseOutputParser<number> {
 *   parse(text: string): number {
 *     return text.split(/\s+/).filter(Boolean).length;
 *   }
 * }
 *
 * console.log(await new WordCount().invoke('three short words')); // => 3
 * ```
 */
export abstract class BaseOutputParser<T = unknown> extends Runnable<ParserInput, T> {
  /**
   * @param fields - constructor fields of a subclass, accepted so that ported parsers can
   *   call `super(fields)` as in LangChain.js.
   */
  constructor(fields?: object) {
    super();
    void fields;
  }

  /** A parser that parses the whole text produces one value; a root one reports it as its output. */
  override get chunkReporting(): ChunkReporting {
    return 'rootOutput';
  }

  override get runType(): RunType {
    return 'parser';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  /** The class name, as LangChain.js names a parser's runs. */
  protected override get defaultName(): string {
    return this.constructor.name;
  }

  /**
   * Parses the model's text.
   * @param text - the text.
   * @returns the parsed value (or a Promise of it).
   */
  abstract parse(text: string): T | Promise<T>;

  /**
   * Parses a model's generations: the first one's text, by default.
   * @param generations - the generations (one, for a single answer).
   * @returns the parsed value.
   */
  parseResult(generations: readonly Generation[]): T | Promise<T> {
    return this.parse(generations[0]?.text ?? '');
  }

  /**
   * Parses with the prompt at hand (LangChain.js's hook for parsers that retry); the
   * default ignores the prompt.
   * @param text - the text.
   * @param prompt - the prompt that produced it.
   * @returns the parsed value.
   */
  parseWithPrompt(text: string, prompt: unknown): T | Promise<T> {
    void prompt;
    return this.parse(text);
  }

  /**
   * Instructions to put in the prompt so that the model answers in this parser's format.
   * @returns the instructions; `''` by default.
   */
  getFormatInstructions(): string {
    return '';
  }

  protected _step(input$: Observable<ParserInput>, _run: RunContext): Observable<T> {
    return input$.pipe(concatMap((input) => resolved(() => this.parseResult([generationOf(input)]))));
  }
}

/**
 * The generation a parser's input chunk stands for.
 * @param input - a text or message chunk.
 * @returns its text, with the message when there is one.
 */
export function generationOf(input: ParserInput): Generation {
  if (input instanceof BaseMessage) return { text: input.text, message: input };
  // No input at all (an empty stream) is an empty text.
  return { text: typeof input === 'string' ? input : input === undefined || input === null ? '' : String(input) };
}
