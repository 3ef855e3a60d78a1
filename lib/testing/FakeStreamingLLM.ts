import {
  asyncScheduler,
  concatMap,
  defer,
  from,
  map,
  throwError,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import type { RunContext } from '../core/RunContext.js';
import type { GenerationChunkLike, LLMCallOptions } from '../models/BaseLLM.js';
import { LLM } from '../models/LLM.js';

/** Options of `FakeStreamingLLM`, as in LangChain.js (plus the scheduler `sleep` runs on). */
export interface FakeStreamingLLMOptions {
  /** The answers, one per call in order; once used up, the model echoes the prompt. */
  responses?: readonly string[] | undefined;
  /** Milliseconds before each character. @default 0 */
  sleep?: number | undefined;
  /** Fail every call with an `Error` of this message. */
  thrownErrorString?: string | undefined;
  /** The scheduler `sleep` runs on (virtual time inside `TestScheduler.run`). @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
}

/**
 * LangChain.js's `FakeStreamingLLM`: a text model that streams its next answer (or the
 * prompt, once the answers are used up) one character per chunk, `sleep` milliseconds
 * apart on an RxJS scheduler, or fails with `thrownErrorString`. Unlike LangChain.js's,
 * `sleep` defaults to 0 (no waiting in tests) and runs on virtual time under
 * `TestScheduler`.
 *
 * @example
 * ```ts
 * import { FakeStreamingLLM } from 'rxchain/testing';
 *
 * const model = new FakeStreamingLLM({ responses: ['hey!'] });
 * const tokens: string[] = [];
 * for await (const token of await model.stream('hello')) tokens.push(token);
 * console.log(tokens); // => ['h', 'e', 'y', '!']
 * ```
 */
export class FakeStreamingLLM extends LLM {
  /** The answers not used yet. */
  responses: string[] | undefined;
  /** Milliseconds before each character. */
  sleep: number;
  /** The message every call fails with, if set. */
  thrownErrorString: string | undefined;
  /** The scheduler `sleep` runs on. */
  readonly scheduler: SchedulerLike;

  /**
   * @param fields - the answers, their pacing, or the error to fail with.
   */
  constructor(fields: FakeStreamingLLMOptions = {}) {
    super();
    this.responses = fields.responses === undefined ? undefined : [...fields.responses];
    this.sleep = fields.sleep ?? 0;
    this.thrownErrorString = fields.thrownErrorString;
    this.scheduler = fields.scheduler ?? asyncScheduler;
  }

  protected override get defaultName(): string {
    return 'FakeStreamingLLM';
  }

  _llmType(): string {
    return 'fake';
  }

  async _call(prompt: string): Promise<string> {
    if (this.thrownErrorString !== undefined) throw new Error(this.thrownErrorString);
    return this.#next() ?? prompt;
  }

  override async *_streamResponseChunks(prompt: string): AsyncGenerator<GenerationChunkLike> {
    if (this.thrownErrorString !== undefined) throw new Error(this.thrownErrorString);
    for (const text of this.#next() ?? prompt) yield { text, generationInfo: {} };
  }

  protected override _streamText(prompt: string, _options: LLMCallOptions, _run: RunContext): Observable<string> {
    return defer(() => {
      if (this.thrownErrorString !== undefined) return throwError(() => new Error(this.thrownErrorString));
      const characters = Array.from(this.#next() ?? prompt);
      if (this.sleep <= 0) return from(characters);
      return from(characters).pipe(concatMap((c) => timer(this.sleep, this.scheduler).pipe(map(() => c))));
    });
  }

  #next(): string | undefined {
    const [response, ...rest] = this.responses ?? [];
    if (this.responses !== undefined) this.responses = rest;
    return response;
  }
}
