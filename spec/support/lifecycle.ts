import { type RunEvent } from 'rxchain';

/**
 * Helpers of the run lifecycle specs.
 */

export function byName(events: readonly RunEvent[], name: string): RunEvent[] {
  return events.filter((e) => e.run.name === name);
}
