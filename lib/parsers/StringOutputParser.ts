import { map, type Observable } from 'rxjs';
import { Runnable } from '../runnables/Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { BaseMessage } from '../messages/BaseMessage.js';

/**
 * Turns a model's message chunks into their text, chunk by chunk, as they arrive.
 *
 * @example
 * ```ts
 * import { StringOutputParser, AIMessageChunk } from 'rxchain';
 *
 * const parser = new StringOutputParser();
 * console.log(await parser.invoke(new AIMessageChunk('Hello'))); // => 'Hello'
 * ```
 */
export class StringOutputParser extends Runnable<string | BaseMessage, string> {
  override get runType(): RunType {
    return 'parser';
  }

  protected override get defaultName(): string {
    return 'StrOutputParser';
  }

  protected _step(input$: Observable<string | BaseMessage>, _run: RunContext): Observable<string> {
    return input$.pipe(map(textOf));
  }
}

function textOf(chunk: string | BaseMessage): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof BaseMessage) return chunk.text;
  return String(chunk);
}
