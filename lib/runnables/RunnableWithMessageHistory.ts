import { concat, defer, from, ignoreElements, mergeMap, of, tap, type Observable } from 'rxjs';
import type { AccumulatorFactory, OutputAccumulator } from '../core/accumulators.js';
import type { InputMode, TraceOptions, ChunkReporting } from '../core/lifecycle.js';
import { mergeConfigs, type RunnableConfig } from '../core/RunnableConfig.js';
import type { RunContext } from '../core/RunContext.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { describeValue } from '../errors/internal/describeValue.js';
import { AIMessage } from '../messages/AIMessage.js';
import type { BaseChatMessageHistory } from '../messages/BaseChatMessageHistory.js';
import { BaseMessage } from '../messages/BaseMessage.js';
import { HumanMessage } from '../messages/HumanMessage.js';
import { Runnable } from './Runnable.js';
import { RunnableLambda } from './RunnableLambda.js';
import { RunnablePassthrough } from './RunnablePassthrough.js';

/** What `RunnableWithMessageHistory` accepts: the messages of a turn, or an object holding them. */
export type MessageHistoryInput = string | BaseMessage | readonly BaseMessage[] | Readonly<Record<string, unknown>>;

/** Finds the history of a session; may answer with a Promise (a store that connects first). */
export type GetMessageHistory = (sessionId: string) => BaseChatMessageHistory | Promise<BaseChatMessageHistory>;

/** What makes a `RunnableWithMessageHistory`, with LangChain.js's names. */
export interface RunnableWithMessageHistoryFields<O> {
  /** The chain to run with the conversation (a prompt with a history placeholder, a model...). */
  runnable: Runnable<never, O>;
  /** The history of a session id (`configurable.sessionId` of each call). */
  getMessageHistory: GetMessageHistory;
  /** The key of the input object that holds the turn's messages (a string is one user message). */
  inputMessagesKey?: string | undefined;
  /**
   * The key under which the past messages are passed to `runnable`; without one the
   * past messages are put before the turn's (in place of the input, or of its
   * `inputMessagesKey`).
   */
  historyMessagesKey?: string | undefined;
  /** The key of the output object that holds the reply (a string is one model message). */
  outputMessagesKey?: string | undefined;
  /** Config bound to every call (as `withConfig`). */
  config?: RunnableConfig | undefined;
}

/**
 * Runs a chain with a conversation's memory, as LangChain.js's
 * `RunnableWithMessageHistory`: each call names its session in
 * `config.configurable.sessionId`; before the run, the session's history is loaded
 * (`getMessageHistory(sessionId)`, which may return a Promise) and given to the chain
 * (under `historyMessagesKey`, or put before the turn's messages); the chain streams as
 * it would alone. When the chain's run ends, the turn's input messages and the
 * **aggregated** output (the whole reply, however it was streamed) are appended to the
 * history, before the run completes: with `invoke`, `stream`, `stream$` and
 * `streamEvents` alike, so the next turn sees this one as soon as this one is over.
 *
 * A turn whose run does not end is not remembered: if the consumer stops it early
 * (`break` out of `stream` before the run ended, an unsubscribe, an abort or a timeout)
 * or the run fails, nothing of that turn is stored, so a history never holds half a reply
 * or a question without its answer. (`stream` buffers chunks the consumer has not read
 * yet, so a run may end, and be stored, before the consumer has read all of it.) A run
 * with no output chunks stores the turn's input messages alone.
 *
 * Its run has LangChain.js's children: `insertHistory` (tagged `seq:step:1`, a
 * `RunnablePassthrough.assign` of the past messages under their key) whose `loadHistory`
 * lambda reads the session's messages (from `configurable.messageHistory`, where the
 * session's history is put for it), then the chain (`seq:step:2`). Without a key (the
 * input is the turn's messages) `loadHistory` alone is step 1 and gives the past messages
 * followed by the turn's.
 *
 * Bad input fails the run with an `InvalidArgumentError`: no `sessionId`, or a turn
 * that holds no messages.
 *
 * @typeParam I - the input type.
 * @typeParam O - the chain's output chunk type.
 *
 * @example
 * ```ts
 * import {
 *   ChatPromptTemplate,
 *   InMemoryChatMessageHistory,
 *   MessagesPlaceholder,
 *   RunnableWithMessageHistory,
 *   StringOutputParser,
 * } from 'rxchain';
 * import { FakeListChatModel } from 'rxchain/testing';
 *
 * const prompt = ChatPromptTemplate.fromMessages([
 *   ['system', 'You are a helpful assistant.'],
 *   new MessagesPlaceholder('history'),
 *   ['human', '{question}'],
 * ]);
 * const model = new FakeListChatModel({ responses: ['Hello Bob!', 'You are Bob.'] });
 * const histories = new Map<string, InMemoryChatMessageHistory>();
 * const chat = new RunnableWithMessageHistory({
 *   runnable: prompt.pipe(model).pipe(new StringOutputParser()),
 *   getMessageHistory: (sessionId) => {
 *     if (!histories.has(sessionId)) histories.set(sessionId, new InMemoryChatMessageHistory());
 *     return histories.get(sessionId) as InMemoryChatMessageHistory;
 *   },
 *   inputMessagesKey: 'question',
 *   historyMessagesKey: 'history',
 * });
 * const config = { configurable: { sessionId: 'bob' } };
 * await chat.invoke({ question: 'I am Bob.' }, config);
 * let reply = '';
 * for await (const token of await chat.stream({ question: 'Who am I?' }, config)) reply += token;
 * console.log(reply, model.calls[1]?.messages.length); // => 'You are Bob.', 4
 * console.log((await histories.get('bob')?.getMessages())?.map((m) => m.text)); // => ['I am Bob.', 'Hello Bob!', 'Who am I?', 'You are Bob.']
 * ```
 */
export class RunnableWithMessageHistory<I = MessageHistoryInput, O = unknown> extends Runnable<I, O> {
  /** The chain that runs with the conversation. */
  readonly runnable: Runnable<never, O>;
  /** The history of a session id. */
  readonly getMessageHistory: GetMessageHistory;
  /** The input key of the turn's messages. */
  readonly inputMessagesKey: string | undefined;
  /** The input key the past messages are passed under. */
  readonly historyMessagesKey: string | undefined;
  /** The output key of the reply. */
  readonly outputMessagesKey: string | undefined;
  /** The config bound to every call. */
  readonly config: RunnableConfig | undefined;
  /** The `insertHistory` step (or `loadHistory` alone when the input is the messages). */
  readonly #insert: Runnable<unknown, unknown>;

  /**
   * @param fields - the chain, the history lookup, the keys and a bound config.
   */
  constructor(fields: RunnableWithMessageHistoryFields<O>) {
    super();
    this.runnable = fields.runnable;
    this.getMessageHistory = fields.getMessageHistory;
    this.inputMessagesKey = fields.inputMessagesKey;
    this.historyMessagesKey = fields.historyMessagesKey;
    this.outputMessagesKey = fields.outputMessagesKey;
    this.config = fields.config;
    const load = RunnableLambda.from(async (input: unknown, config: RunnableConfig) => {
      const history = config.configurable?.['messageHistory'] as BaseChatMessageHistory;
      const past = await history.getMessages();
      return this.historyMessagesKey !== undefined ? past : [...past, ...this.#inputMessages(input as I)];
    }).withConfig({ runName: 'loadHistory' });
    const key = this.historyMessagesKey ?? this.inputMessagesKey;
    this.#insert = (
      key === undefined ? load : RunnablePassthrough.assign({ [key]: load }).withConfig({ runName: 'insertHistory' })
    ) as Runnable<unknown, unknown>;
  }

  /** The wrapped runnable's chunks: reported by this run only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  protected override get defaultName(): string {
    return 'RunnableWithMessageHistory';
  }

  override outputAccumulator(_upstream?: AccumulatorFactory): OutputAccumulator<O> {
    return this.runnable.outputAccumulator();
  }

  override _run(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    if (this.config === undefined) return super._run(input$, origin);
    return super._run(input$, { ...origin, config: mergeConfigs(this.config, origin.config) });
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return input$.pipe(mergeMap((input) => defer(() => this.#turn(input, run))));
  }

  #turn(input: I, run: RunContext): Observable<O> {
    const sessionId = run.configurable['sessionId'];
    if (typeof sessionId !== 'string' || sessionId === '') {
      const example = JSON.stringify({ [this.inputMessagesKey ?? 'input']: 'Hi' });
      throw new InvalidArgumentError(
        'configurable.sessionId',
        `RunnableWithMessageHistory needs a session id: pass it in the config, e.g. ` +
          `chain.invoke(${example}, { configurable: { sessionId: "user-1" } }).`,
      );
    }
    const turn = this.#inputMessages(input);
    return from(Promise.resolve(this.getMessageHistory(sessionId))).pipe(
      mergeMap((history) => {
        // As in LangChain.js, the history travels to the loadHistory step as configurable.messageHistory.
        const loaded = this.#insert.outputAccumulator();
        const insert$ = this.#insert._run(of(input), {
          parent: run,
          positionTag: 'seq:step:1',
          knownInput: { value: input },
          config: { configurable: { messageHistory: history } },
        });
        return concat(
          insert$.pipe(
            tap((chunk) => loaded.add(chunk)),
            ignoreElements(),
          ),
          defer(() => this.#runWith(loaded.value(), turn, history, run)),
        );
      }),
    );
  }

  /** Runs the chain on its input (the turn with the past messages) and stores the turn when it ends. */
  #runWith(chainInput: unknown, turn: BaseMessage[], history: BaseChatMessageHistory, run: RunContext): Observable<O> {
    const output = this.runnable.outputAccumulator();
    const chain = this.runnable as Runnable<unknown, O>;
    const reply$ = chain._run(of(chainInput), {
      parent: run,
      positionTag: 'seq:step:2',
      knownInput: { value: chainInput },
    });
    const remember$ = defer(() => from(history.addMessages([...turn, ...this.#outputMessages(output.value())])));
    return concat(reply$.pipe(tap((chunk) => output.add(chunk))), remember$.pipe(ignoreElements()));
  }

  #inputMessages(input: I): BaseMessage[] {
    let value: unknown = input;
    if (isRecord(input)) {
      const keys = Object.keys(input);
      const key = this.inputMessagesKey ?? (keys.length === 1 ? keys[0] : undefined) ?? 'input';
      value = input[key];
      // A chat model's event input is nested: [[...messages]].
      if (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
    }
    return messagesOf(value, 'input', HumanMessage);
  }

  #outputMessages(output: O | undefined): BaseMessage[] {
    if (output === undefined) return [];
    let value: unknown = output;
    if (isRecord(output)) {
      const keys = Object.keys(output);
      const key = this.outputMessagesKey ?? (keys.length === 1 ? keys[0] : undefined) ?? 'output';
      value = output[key];
    }
    return messagesOf(value, 'output', AIMessage);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof BaseMessage);
}

function messagesOf(
  value: unknown,
  side: 'input' | 'output',
  Text: new (content: string) => BaseMessage,
): BaseMessage[] {
  if (typeof value === 'string') return [new Text(value)];
  if (value instanceof BaseMessage) return [value];
  if (Array.isArray(value) && value.every((item) => item instanceof BaseMessage)) return [...value];
  const key = side === 'input' ? 'inputMessagesKey' : 'outputMessagesKey';
  throw new InvalidArgumentError(
    key,
    `RunnableWithMessageHistory expected the ${side} messages as a string, a message or a list of messages; ` +
      `got ${describeValue(value)}. Set ${key} to the key of the object that holds them.`,
  );
}
