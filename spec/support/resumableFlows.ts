import { RunnableLambda, type FetchHandler, type RunStore } from 'rxchain';
import { readWireFrames as readFrames } from './sseFrames';

/**
 * Runs and requests shared by the resumable stream specs.
 */

/** A chain that streams `n` numbered chunks, pausing after `pauseAfter` until `resume()`. */
export function gatedCounter(n: number, pauseAfter: number) {
  let resume!: () => void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let finished = false;
  let cancelled = false;
  const chain = RunnableLambda.from(async function* (_: string) {
    try {
      for (let i = 1; i <= n; i++) {
        if (i === pauseAfter + 1) await gate;
        yield `c${i} `;
      }
      finished = true;
    } finally {
      if (!finished) cancelled = true;
    }
  });
  return { chain, resume: () => resume(), state: () => ({ finished, cancelled }) };
}

export const post = (url: string, input: unknown): Request =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
export const resume = (url: string, lastEventId: number | string): Request =>
  new Request(url, { headers: { 'last-event-id': String(lastEventId) } });

export async function dropAndResume(
  first: FetchHandler,
  second: FetchHandler,
  store: RunStore,
  flow: ReturnType<typeof gatedCounter>,
) {
  const started = await first(post('http://x/count/stream', 'go'));
  // Frame 1 is the metadata, frames 2..38 the first 37 chunks.
  const before = await readFrames(started, 38);
  const runId = (JSON.parse(before[0]?.data as string) as { run_id: string }).run_id;
  // The client is gone, and the run goes on.
  flow.resume();
  const resumed = await second(resume(`http://x/count/runs/${runId}/stream`, 38));
  const after = await readFrames(resumed);
  return { before, after, runId, stored: await store.run(runId) };
}
