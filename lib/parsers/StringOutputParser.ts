import { map, type Observable } from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import { BaseTransformOutputParser } from './BaseTransformOutputParser.js';

/**
 * Turns a model's message chunks into their text, chunk by chunk, as they arrive (a
 * `BaseTransformOutputParser`, as in LangChain.js).
 *
 * @example
 * ```ts
 * import { StringOutputParser, AIMessageChunk } from 'rxchain';
 *
 * const parser = new StringOutputParser();
 * console.log(await parser.invoke(new AIMessageChunk('Hello'))); // => 'Hello'
 * ```
 */
export class StringOutputParser extends BaseTransformOutputParser<string> {
  /**
   * The text as it is.
   * @param text - the text.
   * @returns the same text.
   */
  parse(text: string): string {
    return text;
  }

  protected override get defaultName(): string {
    return 'StrOutputParser';
  }

  protected override _step(input$: Observable<string | BaseMessage>, _run: RunContext): Observable<string> {
    return input$.pipe(map(textOf));
  }
}

function textOf(chunk: string | BaseMessage): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof BaseMessage) return chunk.text;
  return String(chunk);
}
