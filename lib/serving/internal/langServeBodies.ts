import { map, type Observable } from 'rxjs';
import type { RunLogPatch } from '../../runlog/RunLog.js';
import { fromLangServeJson, toLangServeJson } from '../langServeJson.js';
import { isPlainObject } from './reviveKnown.js';

/**
 * A request body with its `input` (or batch `inputs`) revived: messages, documents and
 * prompt values in any wire form become instances, so a chain taking `{ question,
 * history: [HumanMessage] }` gets messages. The rest of the body is left as it came.
 */
export function reviveBody(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const revived: Record<string, unknown> = { ...body };
  if ('input' in body) revived['input'] = fromLangServeJson(body['input']);
  if (Array.isArray(body['inputs'])) revived['inputs'] = body['inputs'].map(fromLangServeJson);
  return revived;
}

/** One JSON operation of a run log patch as LangServe sends it. */
interface WireOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
}

/**
 * The `/stream_log` frames: `{ ops }` of each patch, values in LangServe's JSON, as
 * LangServe streams them (always patches: LangChain.js's client sends `diff: false` and
 * folds the patches itself).
 */
export function logFrames$(patches$: Observable<RunLogPatch>): Observable<{ ops: WireOperation[] }> {
  return patches$.pipe(map((patch) => ({ ops: toLangServeJson(patch.ops) as WireOperation[] })));
}
