import { concatMap, defer, from, map, of, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';
import { BaseChatModel } from '../models/BaseChatModel.js';

/** Options of `FakeStreamingChatModel`, as in LangChain.js (plus the scheduler). */
export interface FakeStreamingChatModelOptions {
  /** Milliseconds before each character of a text reply. @default 50 */
  sleep?: number | undefined;
  /** The reply: the first message's text (every call gives the same one). @default echo of the first input message */
  responses?: readonly BaseMessage[] | undefined;
  /** Stream exactly these chunks instead (no pacing), tool-call fragments included. */
  chunks?: readonly AIMessageChunk[] | undefined;
  /** Fail every call with an `Error` of this message. */
  thrownErrorString?: string | undefined;
  /** The scheduler `sleep` runs on (virtual time inside `TestScheduler.run`). @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
}

/**
 * LangChain.js's `FakeStreamingChatModel`: streams its `chunks` as they are, or else the
 * text of its first `responses` message (else of the first input message: an echo) one
 * character per chunk, `sleep` milliseconds apart on an RxJS scheduler. Unlike
 * `FakeListChatModel` it does not cycle: every call gives the same reply.
 *
 * @example
 * ```ts
 * import { AIMessage } from 'rxchain';
 * import { FakeStreamingChatModel } from 'rxchain/testing';
 *
 * const model = new FakeStreamingChatModel({ sleep: 0, responses: [new AIMessage('Hi!')] });
 * const chars: string[] = [];
 * for await (const chunk of await model.stream('Hello')) chars.push(chunk.text);
 * console.log(chars); // => ['H', 'i', '!']
 * console.log((await new FakeStreamingChatModel({ sleep: 0 }).invoke('echo me')).content); // => 'echo me'
 * ```
 */
export class FakeStreamingChatModel extends BaseChatModel {
  /** Milliseconds before each character. */
  readonly sleep: number;
  /** The replies (only the first is used). */
  readonly responses: readonly BaseMessage[];
  /** The chunks to stream instead. */
  readonly chunks: readonly AIMessageChunk[];
  /** The error message every call fails with, if set. */
  readonly thrownErrorString: string | undefined;
  readonly #scheduler: SchedulerLike | undefined;

  /**
   * @param options - the reply or chunks, pacing and failure.
   */
  constructor(options: FakeStreamingChatModelOptions = {}) {
    super();
    this.sleep = options.sleep ?? 50;
    this.responses = options.responses ?? [];
    this.chunks = options.chunks ?? [];
    this.thrownErrorString = options.thrownErrorString;
    this.#scheduler = options.scheduler;
  }

  protected override get defaultName(): string {
    return 'FakeStreamingChatModel';
  }

  protected _streamChunks(messages: BaseMessage[], _run: RunContext): Observable<AIMessageChunk> {
    return defer(() => {
      if (this.thrownErrorString !== undefined) return throwError(() => new Error(this.thrownErrorString));
      if (this.chunks.length > 0) return from(this.chunks);
      const reply = this.responses[0] ?? messages[0];
      const text = typeof reply?.content === 'string' ? reply.content : '';
      const chars = Array.from(text);
      // An empty reply still streams one chunk, so invoke() has a message to return.
      if (chars.length === 0) return of(new AIMessageChunk(''));
      return from(chars).pipe(concatMap((char) => this.#after(this.sleep).pipe(map(() => new AIMessageChunk(char)))));
    });
  }

  #after(ms: number): Observable<unknown> {
    if (ms <= 0) return of(0);
    return this.#scheduler !== undefined ? timer(ms, this.#scheduler) : timer(ms);
  }
}
