import { asyncScheduler, map, type Observable, type SchedulerLike } from 'rxjs';
import { sseFrame } from '../../codecs/sse/sseFrame.js';
import type { RunStore } from '../../runstore/RunStore.js';
import type { EventStreamRecord } from '../../events/encodeEventStream.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { errorResponse } from './responses.js';
import { sseResponse, type SseOptions } from './sseResponse.js';
import { readStoredRun, startStoredRun, type StoredRuns } from './storedRuns.js';

const KINDS = new Set(['stream', 'stream_events', 'stream_log']);
const RUN_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The stored-runs settings of a server's options; undefined when it is not resumable. */
export function storedRunsOf(options: {
  resumable?: { runStore: RunStore; graceMs?: number | undefined; retryMs?: number | undefined } | undefined;
  scheduler?: SchedulerLike | undefined;
}): StoredRuns | undefined {
  const resumable = options.resumable;
  if (resumable === undefined) return undefined;
  const graceMs = resumable.graceMs ?? 30_000;
  if (!(Number.isFinite(graceMs) && graceMs > 0 && graceMs <= 2_147_483_647)) {
    throw new InvalidArgumentError(
      'resumable.graceMs',
      `resumable.graceMs must be a positive number of milliseconds up to 2147483647, got ${String(graceMs)}.`,
    );
  }
  const retryMs = resumable.retryMs ?? 1000;
  if (!(Number.isInteger(retryMs) && retryMs >= 0 && retryMs <= 2_147_483_647)) {
    throw new InvalidArgumentError(
      'resumable.retryMs',
      `resumable.retryMs must be a whole number of milliseconds from 0 to 2147483647, got ${String(retryMs)}.`,
    );
  }
  return { runStore: resumable.runStore, graceMs, retryMs, scheduler: options.scheduler ?? asyncScheduler };
}

/**
 * Answers a streaming route with its frames: from the run store (numbered, resumable) when
 * the server is resumable, else straight from the run.
 */
export function streamAnswer(
  runId: string,
  kind: 'stream' | 'stream_events' | 'stream_log',
  records$: Observable<EventStreamRecord>,
  runs: StoredRuns | undefined,
  sse: SseOptions,
): Promise<Response> | Response {
  if (runs !== undefined) return storedResponse(runId, kind, records$, runs, sse);
  return sseResponse(records$.pipe(map((record) => sseFrame(record.event, record.data))), sse);
}

/** Starts a stored run and answers its first reader (the client that started it). */
export async function storedResponse(
  runId: string,
  kind: string,
  records$: Observable<EventStreamRecord>,
  runs: StoredRuns,
  sse: SseOptions,
): Promise<Response> {
  await startStoredRun(runId, kind, records$, runs, sse.onError);
  return sseResponse(readStoredRun(runId, 0, runs), sse);
}

/**
 * Answers `GET runs/{run_id}/{kind}` (the part of the path after `runs/`): the frames of a
 * stored run after the request's `Last-Event-ID`. 404 for a run the store does not have or
 * that is of another kind; 400 for a malformed id.
 */
export async function resumeResponse(
  rest: string,
  request: Request,
  runs: StoredRuns,
  sse: SseOptions,
): Promise<Response> {
  const [runId, kind, ...more] = rest.split('/');
  if (runId === undefined || kind === undefined || more.length > 0 || !KINDS.has(kind)) {
    return errorResponse(
      404,
      'NotFound',
      'Resume a run at runs/{run_id}/stream, runs/{run_id}/stream_events or runs/{run_id}/stream_log.',
    );
  }
  if (request.method !== 'GET') {
    return errorResponse(405, 'MethodNotAllowed', `runs/{run_id}/${kind} takes GET, not ${request.method}.`, {
      allow: 'GET',
    });
  }
  if (!RUN_ID.test(runId)) return errorResponse(400, 'BadRequest', 'A run id has 1 to 128 letters, digits, - or _.');
  const header = request.headers.get('last-event-id') ?? '0';
  const afterId = /^\d{1,15}$/.test(header) ? Number(header) : NaN;
  if (Number.isNaN(afterId)) {
    return errorResponse(
      400,
      'BadRequest',
      `Last-Event-ID must be a frame id (a whole number), got "${header.slice(0, 40)}".`,
    );
  }
  const run = await runs.runStore.run(runId);
  if (run?.kind !== kind) {
    return errorResponse(
      404,
      'RunNotFound',
      `No ${kind} run "${runId}" is kept here (unknown, expired or finished long ago).`,
    );
  }
  return sseResponse(readStoredRun(runId, afterId, runs), sse);
}
