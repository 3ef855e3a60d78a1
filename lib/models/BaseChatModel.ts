import { mergeMap, type Observable } from 'rxjs';
import { Runnable } from '../core/Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import type { InputMode } from '../core/lifecycle.js';
import type { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';

/** What a chat model accepts: a string, messages, `[role, content]` tuples, or a prompt value. */
export type ChatModelInput = MessagesInput;

/**
 * The contract every chat model implements: given the conversation, stream the reply as
 * `AIMessageChunk`s. `invoke` returns their aggregate (one `AIMessageChunk`), so a model
 * called with `invoke` inside a pipeline still streams its tokens to event listeners.
 *
 * Implementations must be cold and cancellable: unsubscribing from `_streamChunks`
 * stops the generation (a provider aborts its HTTP request).
 *
 * @example
 * ```ts
 * import { BaseChatModel, AIMessageChunk, type BaseMessage, type RunContext } from 'rxchain';
 * import { of, type Observable } from 'rxjs';
 *
 * class EchoModel extends BaseChatModel {
 *   protected _streamChunks(messages: BaseMessage[], _run: RunContext): Observable<AIMessageChunk> {
 *     const last = messages[messages.length - 1]?.text ?? '';
 *     return of(...last.split(' ').map((word, i) => new AIMessageChunk(i === 0 ? word : ` ${word}`)));
 *   }
 * }
 *
 * console.log((await new EchoModel().invoke('say it back')).content); // => 'say it back'
 * ```
 */
export abstract class BaseChatModel extends Runnable<ChatModelInput, AIMessageChunk> {
  override get runType(): RunType {
    return 'chat_model';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'BaseChatModel';
  }

  /**
   * Streams the model's reply to `messages`.
   *
   * @param messages - the conversation.
   * @param run - this run (its signal, metadata and id).
   */
  protected abstract _streamChunks(messages: BaseMessage[], run: RunContext): Observable<AIMessageChunk>;

  override inputForEvents(input: ChatModelInput): unknown {
    try {
      return { messages: [coerceMessages(input)] };
    } catch {
      return input;
    }
  }

  protected _step(input$: Observable<ChatModelInput>, run: RunContext): Observable<AIMessageChunk> {
    return input$.pipe(mergeMap((input) => this._streamChunks(coerceMessages(input), run)));
  }
}
