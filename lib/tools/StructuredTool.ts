import { from, map, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { z } from 'zod';
import { inUserScope, type UserScope } from '../core/internal/userScope.js';
import type { InputMode, ChunkReporting } from '../core/lifecycle.js';
import { Runnable } from '../runnables/Runnable.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import type { RunType } from '../core/RunEvent.js';
import { ToolInputError } from '../errors/ToolInputError.js';
import type { ToolCall } from '../messages/toolCalls.js';
import { ToolMessage } from '../messages/ToolMessage.js';
import type { ContentPart, MessageContent } from '../messages/BaseMessage.js';
import type { ToolLike } from './toolDefinition.js';
import { isPromiseLike } from '../core/internal/isPromiseLike.js';

/** A zod schema of a tool's arguments: it accepts an object (it may transform it). */
export type ToolSchema = z.ZodType<unknown, Record<string, unknown>>;

/** A tool's function: called with the validated arguments and the run's config. */
export type ToolFunc<S extends ToolSchema, R> = (input: z.output<S>, config: RunnableConfig) => R | PromiseLike<R>;

/** What makes a `StructuredTool`. */
export interface StructuredToolFields<S extends ToolSchema, R> {
  /** The tool's name, as the model calls it. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** The zod schema of the arguments. */
  schema: S;
  /** The function that does the work. */
  func: ToolFunc<S, R>;
}

const TOOL_CALL_KEYS: ReadonlySet<string> = new Set(['name', 'args', 'id', 'type']);

/**
 * A tool: a named function with a zod schema of its arguments, that a model can be
 * told about (`model.bindTools([tool])`) and that runs as a step of kind `tool`
 * (`on_tool_start`, `on_tool_end`, `on_tool_error` events).
 *
 * Called with plain arguments it returns the function's result. Called with a model's
 * tool call (`{ name, args, id, type: "tool_call" }`) it returns a `ToolMessage`
 * answering that call: its content is the result if it is a string, else the result as
 * JSON. Arguments are validated first; invalid ones fail the run with a `ToolInputError`.
 * Runnables the function calls, with or without passing `config`, nest under the tool's
 * run, and `config.signal` aborts when the run is cancelled.
 *
 * @typeParam S - the schema of the arguments.
 * @typeParam R - what the function returns.
 * @typeParam A - what `invoke` accepts besides a tool call. @default the schema's input
 *
 * @example
 * ```ts
 * import { StructuredTool } from 'rxchain';
 * import { z } from 'zod';
 *
 * const multiply = new StructuredTool({
 *   name: 'multiply',
 *   description: 'Multiplies two numbers',
 *   schema: z.object({ a: z.number(), b: z.number() }),
 *   func: ({ a, b }) => a * b,
 * });
 * console.log(await multiply.invoke({ a: 6, b: 7 })); // => 42
 * const message = await multiply.invoke({ name: 'multiply', args: { a: 2, b: 3 }, id: 'call_1', type: 'tool_call' });
 * console.log(message.content, message.tool_call_id); // => '6', 'call_1'
 * ```
 */
export class StructuredTool<S extends ToolSchema = ToolSchema, R = unknown, A = z.input<S>>
  extends Runnable<A | ToolCall, R | ToolMessage>
  implements ToolLike
{
  /** The tool's name, as the model calls it; also the name of its runs. */
  override name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** The zod schema of the arguments. */
  readonly schema: S;
  readonly #func: ToolFunc<S, R>;

  /**
   * @param fields - the name, description, schema and function.
   */
  constructor(fields: StructuredToolFields<S, R>) {
    super();
    this.name = fields.name;
    this.description = fields.description;
    this.schema = fields.schema;
    this.#func = fields.func;
  }

  /** One value, carried by the end event; a root tool reports it as its output. */
  override get chunkReporting(): ChunkReporting {
    return 'rootOutput';
  }

  override get runType(): RunType {
    return 'tool';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'StructuredTool';
  }

  /**
   * Runs the tool.
   *
   * @param input - the arguments, or a model's tool call.
   * @param config - options for this run.
   * @returns the result, or a `ToolMessage` answering the tool call.
   */
  override invoke(input: ToolCall, config?: RunnableConfig): Promise<ToolMessage>;
  override invoke(input: A, config?: RunnableConfig): Promise<R>;
  override invoke(input: A | ToolCall, config?: RunnableConfig): Promise<R | ToolMessage>;
  override invoke(input: A | ToolCall, config?: RunnableConfig): Promise<R | ToolMessage> {
    return super.invoke(input, config);
  }

  /**
   * The arguments object for a plain (non tool-call) input; subclasses that accept
   * other inputs (a `DynamicTool`'s string) convert them here.
   */
  protected toArgs(input: A): unknown {
    return input;
  }

  /**
   * Validates a plain (non tool-call) input: by default its arguments object against
   * the schema; a tool without a schema of its own passes the input through as it is.
   */
  protected parsePlain(input: A): z.ZodSafeParseResult<z.output<S>> {
    return this.schema.safeParse(this.toArgs(input));
  }

  protected _step(input$: Observable<A | ToolCall>, run: RunContext): Observable<R | ToolMessage> {
    return input$.pipe(mergeMap((input) => inUserScope(run, (scope) => this.#call(input, scope))));
  }

  #call(input: A | ToolCall, { config, enter }: UserScope): Observable<R | ToolMessage> {
    const call = isToolCall(input) ? input : undefined;
    if (call !== undefined && (typeof call.id !== 'string' || call.id === '')) {
      return throwError(
        () =>
          new ToolInputError(this.name, [
            { path: ['id'], message: 'the tool call has no id for its ToolMessage to answer' },
          ]),
      );
    }
    const parsed = call !== undefined ? this.schema.safeParse(call.args) : this.parsePlain(input as A);
    if (!parsed.success) {
      return throwError(() => new ToolInputError(this.name, parsed.error.issues, { cause: parsed.error }));
    }
    const result = enter(() => this.#func(parsed.data, config));
    const output$: Observable<R> = isPromiseLike(result) ? from(result) : of(result);
    if (call === undefined) return output$;
    return output$.pipe(map((value) => toToolMessage(value, call.id as string, this.name)));
  }
}

/**
 * Whether an input is a model's tool call: it says `type: "tool_call"`, or it has exactly
 * a string `name`, an object `args` and a string `id` (as `AIMessage.tool_calls` built
 * by hand do).
 */
function isToolCall(input: unknown): input is ToolCall {
  if (input === null || typeof input !== 'object') return false;
  const candidate = input as Partial<Record<keyof ToolCall, unknown>>;
  if (candidate.type === 'tool_call') return true;
  return (
    candidate.type === undefined &&
    typeof candidate.name === 'string' &&
    typeof candidate.id === 'string' &&
    candidate.args !== null &&
    typeof candidate.args === 'object' &&
    !Array.isArray(candidate.args) &&
    Object.keys(input).every((key) => TOOL_CALL_KEYS.has(key))
  );
}

function toToolMessage(value: unknown, toolCallId: string, name: string): ToolMessage {
  if (value instanceof ToolMessage) return value;
  return new ToolMessage({ content: contentOf(value), tool_call_id: toolCallId, name });
}

/** A list of content blocks (`{ type, ... }`) stays the message's content, as in LangChain.js; anything else becomes text. */
function contentOf(value: unknown): MessageContent {
  const isBlock = (item: unknown): item is ContentPart =>
    item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string';
  if (Array.isArray(value) && value.length > 0 && value.every(isBlock)) return value;
  return stringify(value);
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
