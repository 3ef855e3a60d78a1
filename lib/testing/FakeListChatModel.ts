import type { SchedulerLike } from 'rxjs';
import { ScriptedChatModel } from './ScriptedChatModel.js';

/** Options of `FakeListChatModel`, as in LangChain.js. */
export interface FakeListChatModelOptions {
  /** The replies, cycled call after call. */
  responses: readonly string[];
  /** Milliseconds between characters. @default 0 */
  sleep?: number | undefined;
  /** The scheduler `sleep` runs on. @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
}

/**
 * LangChain.js's `FakeListChatModel`: streams its replies one character per chunk,
 * cycling through them call after call.
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
  /**
   * @param options - the replies and their pacing.
   */
  constructor(options: FakeListChatModelOptions) {
    super({ responses: options.responses, split: 'char', delay: options.sleep, scheduler: options.scheduler });
  }

  protected override get defaultName(): string {
    return 'FakeListChatModel';
  }
}
