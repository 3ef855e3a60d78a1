import { Observable, type OperatorFunction } from 'rxjs';
import { growthPatch } from '../codecs/jsonPatch/growthPatch.js';
import type { Operation } from '../codecs/jsonPatch/Operation.js';
import { lifecycleRecordOf, type LifecycleRecord, type RunEvent } from '../core/RunEvent.js';
import {
  addUsage,
  mergeToolCallChunks,
  parseToolCallChunks,
  type ToolCall,
  type ToolCallChunk,
  type UsageMetadata,
} from '../messages/toolCalls.js';

/** A map from records to what one projection emits; `done` is called once the run ended well. */
interface Projection<T> {
  next(record: LifecycleRecord, emit: (value: T) => void): void;
  done?(emit: (value: T) => void): void;
}

/** Runs a projection over a run's records, as an operator: errors and completion pass through. */
function project<T>(make: () => Projection<T>): OperatorFunction<RunEvent, T> {
  return (records$) =>
    new Observable<T>((subscriber) => {
      const projection = make();
      const emit = (value: T): void => subscriber.next(value);
      return records$.subscribe({
        next: (record) => projection.next(lifecycleRecordOf(record), emit),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          projection.done?.(emit);
          subscriber.complete();
        },
      });
    });
}

const isModel = (record: LifecycleRecord): boolean =>
  record.run.runType === 'chat_model' || record.run.runType === 'llm';

/** The text of a model's chunk: a string (text models), a message chunk's `text`, else ''. */
function chunkText(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  const text = (chunk as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : '';
}

/** The text every model run of the run streams, delta by delta (empty deltas left out). */
export function textDeltas(): OperatorFunction<RunEvent, string> {
  return project<string>(() => ({
    next: (record, emit) => {
      if (record.type !== 'stream' || !isModel(record)) return;
      const text = chunkText(record.chunk);
      if (text !== '') emit(text);
    },
  }));
}

/**
 * Every tool call the run's chat models make, each once, complete and parsed: a call is
 * complete when the model starts the next one (a higher index) or when its run ends.
 * Calls whose arguments are not a JSON object are left out (they are the message's
 * `invalid_tool_calls`).
 */
export function completeToolCalls(): OperatorFunction<RunEvent, ToolCall> {
  return project<ToolCall>(() => {
    const open = new Map<string, { chunks: ToolCallChunk[]; emitted: number }>();
    const flush = (state: { chunks: ToolCallChunk[]; emitted: number }, upTo: number, emit: (c: ToolCall) => void) => {
      const complete = state.chunks.slice(state.emitted, upTo);
      state.emitted = Math.max(state.emitted, upTo);
      for (const call of parseToolCallChunks(complete).toolCalls) emit(call);
    };
    return {
      next: (record, emit) => {
        if (record.run.runType !== 'chat_model') return;
        const runId = record.run.runId;
        if (record.type === 'stream') {
          const pieces = (record.chunk as { tool_call_chunks?: readonly ToolCallChunk[] }).tool_call_chunks ?? [];
          if (pieces.length === 0) return;
          let state = open.get(runId);
          if (state === undefined) open.set(runId, (state = { chunks: [], emitted: 0 }));
          const before = state.chunks.length;
          state.chunks = mergeToolCallChunks(state.chunks, pieces);
          // A call that another one followed is complete.
          if (state.chunks.length > before) flush(state, state.chunks.length - 1, emit);
        } else if (record.type === 'end' || record.type === 'error') {
          const state = open.get(runId);
          open.delete(runId);
          if (state !== undefined && record.type === 'end') flush(state, state.chunks.length, emit);
        }
      },
    };
  });
}

/** The token usage of the run's model calls, added up, once, when the run ends (if any was reported). */
export function totalUsage(): OperatorFunction<RunEvent, UsageMetadata> {
  return project<UsageMetadata>(() => {
    let total: UsageMetadata | undefined;
    return {
      next: (record) => {
        if (record.type !== 'end' || !isModel(record)) return;
        total = addUsage(total, (record.output as { usage_metadata?: UsageMetadata } | undefined)?.usage_metadata);
      },
      done: (emit) => {
        if (total !== undefined) emit(total);
      },
    };
  });
}

/**
 * The partial values the run's JSON parsers stream (cumulative chunks that are objects or
 * arrays): each as it is, or, with `diff`, the JSON Patch operations from the previous
 * one (computed along the changed path only, since unchanged parts are shared).
 */
export function partialValues(diff: boolean): OperatorFunction<RunEvent, unknown> {
  return project<unknown>(() => {
    let previous: unknown;
    return {
      next: (record, emit) => {
        if (record.type !== 'stream' || record.run.runType !== 'parser') return;
        const value = record.chunk;
        if (value === null || typeof value !== 'object' || isPatch(value)) return;
        if (!diff) emit(value);
        else {
          const ops: Operation[] = growthPatch(previous, value);
          if (ops.length > 0) emit(ops);
        }
        previous = value;
      },
    };
  });
}

/** Whether a parser chunk is a list of JSON Patch operations (a parser in diff mode). */
function isPatch(value: object): boolean {
  return Array.isArray(value) && value.length > 0 && typeof (value[0] as { op?: unknown } | null)?.op === 'string';
}
