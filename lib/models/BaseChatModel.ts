import type { Observable } from 'rxjs';
import { mergeProject } from '../core/internal/mergeProject.js';
import type { TraceOptions } from '../core/lifecycle.js';
import type { OutputAccumulator } from '../core/accumulators.js';
import { Runnable } from '../runnables/Runnable.js';
import { mergeConfigs } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import type { InputMode } from '../core/lifecycle.js';
import { AIMessageChunkAccumulator, type AIMessageChunk } from '../messages/AIMessageChunk.js';
import { contentText, type BaseMessage, type MessageContent } from '../messages/BaseMessage.js';
import { coerceMessages, type MessagesInput } from '../messages/coerceMessages.js';
import { SystemMessage } from '../messages/SystemMessage.js';
import { StructuredOutputParser } from '../parsers/StructuredOutputParser.js';
import { RunnableLambda } from '../runnables/RunnableLambda.js';
import { RunnableSequence } from '../runnables/RunnableSequence.js';
import type * as z from 'zod';
import { toToolDefinition, type ToolChoice, type ToolDefinition, type ToolLike } from '../tools/toolDefinition.js';

/** What a chat model accepts: a string, messages, `[role, content]` tuples, or a prompt value. */
export type ChatModelInput = MessagesInput;

/** Options a model receives with every call, bound with `bindTools` or `withCallOptions`. */
export interface ChatModelCallOptions {
  /** The tools the model may call. */
  readonly tools?: readonly ToolDefinition[] | undefined;
  /** How the model may use them. */
  readonly toolChoice?: ToolChoice | undefined;
  /** Sequences that end the generation. */
  readonly stop?: readonly string[] | undefined;
}

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
   * @param options - the bound call options (tools, tool choice, stop sequences).
   */
  protected abstract _streamChunks(
    messages: BaseMessage[],
    run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk>;

  /**
   * Metadata every run of this model reports (`ls_provider`, `ls_model_name`...); it wins
   * over inherited metadata of the same key. @default undefined
   */
  protected get lsParams(): Readonly<Record<string, unknown>> | undefined {
    return undefined;
  }

  /**
   * The number of tokens of `content`, estimated as LangChain.js estimates it without a
   * tokenizer: a token per four characters of text. `trimMessages` accepts a model as its
   * `tokenCounter` through this method; a provider with a tokenizer overrides it.
   *
   * @param content - a message's content.
   * @returns the estimated number of tokens.
   *
   * @example
   * ```ts
   * import { ScriptedChatModel } from 'rxchain/testing';
   *
   * console.log(await new ScriptedChatModel({ responses: ['ok'] }).getNumTokens('Hello world!')); // => 3
   * ```
   */
  async getNumTokens(content: MessageContent): Promise<number> {
    return Math.ceil(contentText(content).length / 4);
  }

  /**
   * Streams the reply with call options; what bound models call.
   * @internal Use `stream$` or `bindTools`.
   */
  _streamWith(messages: BaseMessage[], run: RunContext, options: ChatModelCallOptions): Observable<AIMessageChunk> {
    return this._streamChunks(messages, run, options);
  }

  /** @internal The metadata of this model's runs. */
  _lsParams(): Readonly<Record<string, unknown>> | undefined {
    return this.lsParams;
  }

  /**
   * This model with `tools` bound: every call sends them (as JSON Schema) and the reply
   * may carry `tool_calls`. Runs still report as this model.
   *
   * @param tools - tools in any of three forms: `tool()`s, `DynamicTool`s or any
   *   `{ name, description, schema }` whose schema is zod or a JSON Schema object, or
   *   OpenAI-format definitions `{ type: 'function', function: { name, description, parameters } }`.
   * @param options - `toolChoice`: how the model may use them.
   * @returns a chat model with the tools bound.
   *
   * @example
   * ```ts
   * import { AIMessage } from 'rxchain';
   * import { ScriptedChatModel } from 'rxchain/testing';
   * import { z } from 'zod';
   *
   * const model = new ScriptedChatModel({
   *   responses: [new AIMessage({ content: '', tool_calls: [{ name: 'add', args: { a: 1, b: 2 }, id: 'c1' }] })],
   * });
   * const withTools = model.bindTools([{ name: 'add', description: 'Adds', schema: z.object({ a: z.number(), b: z.number() }) }]);
   * const reply = await withTools.invoke('1 + 2?');
   * console.log(reply.tool_calls[0]?.args, model.calls[0]?.options.tools?.[0]?.function.name); // => { a: 1, b: 2 }, 'add'
   * ```
   */
  bindTools(
    tools: readonly (ToolLike | ToolDefinition)[],
    options?: { toolChoice?: ToolChoice | undefined },
  ): BaseChatModel {
    return this.withCallOptions({ tools: tools.map(toToolDefinition), toolChoice: options?.toolChoice });
  }

  /**
   * This model with call options bound (later bindings add to earlier ones; tools join).
   *
   * @param options - the options to send with every call.
   * @returns a chat model that reports as this one.
   *
   * @example
   * ```ts
   * import { ScriptedChatModel } from 'rxchain/testing';
   *
   * const model = new ScriptedChatModel({ responses: ['a b'] });
   * await model.withCallOptions({ stop: ['\n'] }).invoke('hi');
   * console.log(model.calls[0]?.options.stop); // => ['\n']
   * ```
   */
  withCallOptions(options: ChatModelCallOptions): BaseChatModel {
    return new BoundChatModel(this, options);
  }

  override _run(input$: Observable<ChatModelInput>, origin: TraceOptions): Observable<AIMessageChunk> {
    const ls = this._lsParams();
    if (ls === undefined) return super._run(input$, origin);
    return super._run(input$, { ...origin, config: mergeConfigs({ metadata: ls }, origin.config) });
  }

  /** Joins the text of a reply's chunks once instead of making a message per token. */
  override outputAccumulator(): OutputAccumulator<AIMessageChunk> {
    return new AIMessageChunkAccumulator();
  }

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
    return mergeProject(input$, (input) => this._streamChunks(coerceMessages(input), run, NO_OPTIONS));
  }
}

const NO_OPTIONS: ChatModelCallOptions = Object.freeze({});

/** A chat model with call options bound; it reports as the model it wraps. */
class BoundChatModel extends BaseChatModel {
  readonly #model: BaseChatModel;
  readonly #options: ChatModelCallOptions;

  constructor(model: BaseChatModel, options: ChatModelCallOptions) {
    super();
    this.#model = model;
    this.#options = options;
  }

  override getName(): string {
    return this.name ?? this.#model.getName();
  }

  protected override get lsParams(): Readonly<Record<string, unknown>> | undefined {
    return this.#model._lsParams();
  }

  override getNumTokens(content: MessageContent): Promise<number> {
    return this.#model.getNumTokens(content);
  }

  override withCallOptions(options: ChatModelCallOptions): BaseChatModel {
    return new BoundChatModel(this.#model, joinCallOptions(this.#options, options));
  }

  protected _streamChunks(
    messages: BaseMessage[],
    run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk> {
    return this.#model._streamWith(messages, run, joinCallOptions(this.#options, options));
  }
}

function joinCallOptions(earlier: ChatModelCallOptions, later: ChatModelCallOptions): ChatModelCallOptions {
  const tools =
    earlier.tools !== undefined && later.tools !== undefined
      ? [...earlier.tools, ...later.tools]
      : (later.tools ?? earlier.tools);
  return {
    ...earlier,
    ...Object.fromEntries(Object.entries(later).filter(([, value]) => value !== undefined)),
    ...(tools !== undefined ? { tools } : {}),
  };
}
