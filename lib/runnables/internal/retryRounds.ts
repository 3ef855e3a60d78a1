import { lastValueFrom, timer, type SchedulerLike } from 'rxjs';
import type { BatchOptions, RunnableConfig } from '../../core/RunnableConfig.js';
import { toError } from '../../errors/toError.js';
import type { AttemptDecision } from './attempts.js';
import { runBatch } from './batch.js';

/** How `retryInRounds` runs one attempt and judges a failure. */
export interface RoundsPlan<I, O> {
  /** Runs attempt `attempt` (1-based) of one input. */
  attempt(input: I, config: RunnableConfig | undefined, attempt: number): Promise<O>;
  /** Whether a failed attempt of `input` is retried (and after how long). */
  decide(error: unknown, input: I, attempt: number): AttemptDecision;
}

/**
 * A retrying `batch` in rounds, as LangChain's: round 1 runs every input; each later round
 * runs again only the inputs whose last attempt failed and may be retried, after the
 * longest delay their failures asked for. Outputs keep the inputs' positions; with
 * `returnExceptions` a failed input's last error takes its place, else the batch rejects
 * with the first (by position) once no retry is left.
 */
export async function retryInRounds<I, O>(
  inputs: readonly I[],
  configs: readonly (RunnableConfig | undefined)[],
  options: BatchOptions | undefined,
  plan: RoundsPlan<I, O>,
): Promise<(O | Error)[]> {
  const results = new Array<O | Error>(inputs.length);
  const failed = new Map<number, Error>();
  let pending = inputs.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const round = pending;
    const outputs = await runBatch(
      round.map((index) => inputs[index] as I),
      round.map((index) => configs[index] ?? {}),
      { maxConcurrency: options?.maxConcurrency, returnExceptions: true },
      (input, config) => plan.attempt(input, config, attempt),
    );
    pending = [];
    let wait = 0;
    let scheduler: SchedulerLike | undefined;
    outputs.forEach((output, k) => {
      const index = round[k] as number;
      if (!(output instanceof Error)) {
        results[index] = output;
        failed.delete(index);
        return;
      }
      const decision = plan.decide(output, inputs[index] as I, attempt);
      if ('fail' in decision) {
        const error = toError(decision.fail);
        results[index] = error;
        failed.set(index, error);
        return;
      }
      failed.set(index, output);
      results[index] = output;
      pending.push(index);
      wait = Math.max(wait, decision.retryAfter);
      scheduler ??= decision.scheduler;
    });
    if (pending.length > 0 && wait > 0) await lastValueFrom(timer(wait, scheduler));
  }
  if (options?.returnExceptions !== true) {
    const first = [...failed.keys()].sort((a, b) => a - b)[0];
    if (first !== undefined) throw failed.get(first) as Error;
  }
  return results;
}
