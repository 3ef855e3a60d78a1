import { mergeMap, type Observable } from 'rxjs';
import { Runnable } from '../core/Runnable.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import type { InputMode } from '../core/lifecycle.js';
import type { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';
import { SystemMessage } from '../messages/SystemMessage.js';
import { StructuredOutputParser } from '../parsers/StructuredOutputParser.js';
import { RunnableLambda } from '../runnables/RunnableLambda.js';
import { RunnableSequence } from '../runnables/RunnableSequence.js';
import type { z } from 'zod';

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

  /**
   * This model asked to answer with JSON matching `schema`: a sequence that adds the
   * schema's format instructions as a system message, runs the model, and parses its
   * streamed answer with a `StructuredOutputParser` (partial values while it streams,
   * validated at the end).
   *
   * @param schema - the zod schema of the answer.
   * @param options - the sequence's run name. @default 'StructuredOutput'
   * @returns a runnable from the model's input to the parsed value.
   *
   * @example
   * ```ts
   * import { z } from 'zod';
   * import { ScriptedChatModel } from 'rxchain/testing';
   *
   * const model = new ScriptedChatModel({ responses: ['{"name": "Japan", "population": 125800000}'] });
   * const structured = model.withStructuredOutput(z.object({ name: z.string(), population: z.number() }));
   * console.log(await structured.invoke('Largest country in East Asia by population?')); // => { name: 'Japan', population: 125800000 }
   * console.log(model.calls[0]?.messages[0]?.type); // => 'system'
   * ```
   */
  withStructuredOutput<S extends z.ZodType>(
    schema: S,
    options?: { name?: string | undefined },
  ): RunnableSequence<ChatModelInput, z.infer<S>> {
    const parser = StructuredOutputParser.fromZodSchema(schema);
    const instructions = new SystemMessage(parser.getFormatInstructions());
    const askForJson = RunnableLambda.from(function askForJson(input: ChatModelInput) {
      return [instructions, ...coerceMessages(input)];
    });
    return new RunnableSequence<ChatModelInput, z.infer<S>>([askForJson, this, parser], {
      name: options?.name ?? 'StructuredOutput',
    });
  }

  protected _step(input$: Observable<ChatModelInput>, run: RunContext): Observable<AIMessageChunk> {
    return input$.pipe(mergeMap((input) => this._streamChunks(coerceMessages(input), run)));
  }
}
