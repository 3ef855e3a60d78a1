import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap plus array buffers in bytes, after a full garbage collection. */
export function retainedBytes(): number {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Resolves once `done()` holds, checking after each turn of the event loop (at most `turns`). */
export async function until(done: () => boolean, turns = 200_000): Promise<void> {
  for (let turn = 0; turn < turns && !done(); turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!done()) throw new Error(`condition not met after ${turns} turns of the event loop`);
}
