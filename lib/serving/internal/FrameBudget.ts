/** One connection's share of a `FrameBudget`: what it holds, and how to cut it off. */
export interface BudgetMember {
  /** Bytes of frames it holds now. */
  readonly held: number;
  /** Cancels its run with a `BufferOverflowError` of the server-wide bound. */
  overflow(limit: number): void;
}

/**
 * The bytes of SSE frames one server holds for all its slow clients together. Each
 * connection keeps to its own `highWaterMark`; when their sum passes `limit`, the
 * connection holding the most is cut off (its run cancelled with an overflow frame), so
 * that many clients that never read cannot add up to unbounded memory.
 */
export class FrameBudget {
  #total = 0;
  readonly #members = new Set<BudgetMember>();

  /** @param limit - the most bytes held for all connections together. */
  constructor(readonly limit: number) {}

  /** Bytes held for all connections now. */
  get total(): number {
    return this.#total;
  }

  /** Counts a connection in. */
  join(member: BudgetMember): void {
    this.#members.add(member);
  }

  /** Counts a connection out, with the bytes it still held. */
  leave(member: BudgetMember, held: number): void {
    if (this.#members.delete(member)) this.#total -= held;
  }

  /** Records `bytes` more (or fewer, when negative) held, and cuts off the largest holder while the sum is past the limit. */
  add(bytes: number): void {
    this.#total += bytes;
    while (this.#total > this.limit && this.#members.size > 0) {
      let largest: BudgetMember | undefined;
      for (const member of this.#members) if (largest === undefined || member.held > largest.held) largest = member;
      (largest as BudgetMember).overflow(this.limit);
    }
  }
}
