import { defer, from, map, Observable, type SchedulerLike } from 'rxjs';
import { dispatchCustomEvent } from '../core/dispatchCustomEvent.js';
import type { RunContext } from '../core/RunContext.js';
import { AIMessageChunk } from '../messages/AIMessageChunk.js';
import type { BaseMessage } from '../messages/BaseMessage.js';
import type { ChatModelCallOptions } from '../models/BaseChatModel.js';
import { ScriptedChatModel } from './ScriptedChatModel.js';

/** Options of `FakeListChatModel`, as in LangChain.js. */
export interface FakeListChatModelOptions {
  /** The replies, cycled call after call. */
  responses: readonly string[];
  /** Milliseconds before each character. @default 0 */
  sleep?: number | undefined;
  /** The scheduler `sleep` runs on. @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
  /** Dispatch the custom event `some_test_event` (`{ someval: true }`) on each call. @default false */
  emitCustomEvent?: boolean | undefined;
  /** Response metadata put on the last chunk of each reply (a `finish_reason`...). */
  generationInfo?: Record<string, unknown> | undefined;
}

/**
 * LangChain.js's `FakeListChatModel`: streams its replies one character per chunk,
 * cycling through them call after call, `sleep` milliseconds before each character on an
 * RxJS scheduler; optionally dispatches LangChain's `some_test_event` custom event and
 * puts `generationInfo` on each reply's last chunk. As LangChain's, a call with `stop`
 * sequences (`withCallOptions({ stop })`) answers with the first stop sequence instead.
 *
 * @example
 * ```ts
 * import { FakeListChatModel } from 'rxchain/testing';
 *
 * const model = new FakeListChatModel({ responses: ['ab', 'cd'] });
 * console.log((await model.invoke('x')).content, (await model.invoke('y')).content); // => 'ab', 'cd'
 * ```
 */
export class FakeListChatModel extends ScriptedChatModel {
  readonly #emitCustomEvent: boolean;
  readonly #generationInfo: Record<string, unknown> | undefined;

  /**
   * @param options - the replies, their pacing, the custom event and the generation info.
   */
  constructor(options: FakeListChatModelOptions) {
    super({ responses: options.responses, split: 'char', delay: options.sleep, scheduler: options.scheduler });
    this.#emitCustomEvent = options.emitCustomEvent === true;
    this.#generationInfo = options.generationInfo;
  }

  protected override get defaultName(): string {
    return 'FakeListChatModel';
  }

  protected override _streamChunks(
    messages: BaseMessage[],
    run: RunContext,
    options: ChatModelCallOptions,
  ): Observable<AIMessageChunk> {
    const info = this.#generationInfo;
    const stop = options.stop?.[0];
    // As LangChain's: a call with stop sequences answers with the first one, and the cycle does not advance.
    const chunks$ =
      stop !== undefined
        ? from(orEmpty(Array.from(stop))).pipe(map((char) => new AIMessageChunk({ content: char, id: 'stop' })))
        : super._streamChunks(messages, run, options);
    const reply$ = info === undefined ? chunks$ : withLastChunk(chunks$, (last) => withMetadata(last, info));
    if (!this.#emitCustomEvent) return reply$;
    return defer(() => {
      dispatchCustomEvent('some_test_event', { someval: true }, run);
      return reply$;
    });
  }
}

function orEmpty(chars: string[]): string[] {
  return chars.length > 0 ? chars : [''];
}

function withMetadata(chunk: AIMessageChunk, info: Record<string, unknown>): AIMessageChunk {
  return new AIMessageChunk({
    content: chunk.content,
    id: chunk.id,
    tool_call_chunks: chunk.tool_call_chunks,
    additional_kwargs: chunk.additional_kwargs,
    usage_metadata: chunk.usage_metadata,
    response_metadata: { ...chunk.response_metadata, ...info },
  });
}

/** The chunks of `source$`, the last one changed by `change` (each chunk is held until the next comes). */
function withLastChunk<T>(source$: Observable<T>, change: (last: T) => T): Observable<T> {
  return new Observable<T>((subscriber) => {
    let held: { value: T } | undefined;
    return source$.subscribe({
      next: (value) => {
        if (held !== undefined) subscriber.next(held.value);
        held = { value };
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (held !== undefined) subscriber.next(change(held.value));
        subscriber.complete();
      },
    });
  });
}
