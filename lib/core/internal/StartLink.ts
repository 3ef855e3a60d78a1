/**
 * Joins two adjacent steps of a sequence so that the second, a step that transforms a
 * stream, starts just before the first reports its first chunk, as LangChain's
 * transforming steps start once their input is ready: `on_parser_start` then comes
 * before the model's first `on_chat_model_stream`. A sequence makes one per pair of steps
 * and run; the later step attaches its start, the earlier fires it (once).
 */
export class StartLink {
  #start: (() => void) | undefined;

  /**
   * Sets what `fire` starts (the later step's start).
   * @param start - starts the later step's run.
   */
  attach(start: () => void): void {
    this.#start = start;
  }

  /** Starts the later step, the first time only. */
  fire(): void {
    const start = this.#start;
    this.#start = undefined;
    start?.();
  }
}
