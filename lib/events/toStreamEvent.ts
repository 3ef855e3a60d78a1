import { RESTART_EVENT, type LifecycleRecord } from '../core/RunEvent.js';
import { serializeError } from '../errors/serializeError.js';
import type { StreamEvent } from './StreamEvent.js';

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

type Phase = 'start' | 'stream' | 'end' | 'error';

// Event names per run type, made once: a template string per event is a fresh string
// for every token of a long stream. Read by constant property (`.stream`), not by a
// variable key, so each read site stays monomorphic.
const names = new Map<string, Readonly<Record<Phase, string>>>();

function eventNames(runType: string): Readonly<Record<Phase, string>> {
  let forType = names.get(runType);
  if (forType === undefined) {
    forType = {
      start: `on_${runType}_start`,
      stream: `on_${runType}_stream`,
      end: `on_${runType}_end`,
      error: `on_${runType}_error`,
    };
    names.set(runType, forType);
  }
  return forType;
}

/**
 * Maps a lifecycle record to a v2 stream event. Inputs and outputs are reported as they
 * are: never unwrapped, never moved to another run.
 */
export function toStreamEventV2(record: LifecycleRecord): StreamEvent {
  const { run } = record;
  switch (record.type) {
    case 'start':
      return event(eventNames(run.runType).start, run.name, record, record.hasInput ? { input: record.input } : EMPTY);
    case 'stream':
      return event(eventNames(run.runType).stream, run.name, record, {
        chunk: run.runType === 'llm' ? textGeneration(record.chunk) : record.chunk,
      });
    case 'end':
      return event(eventNames(run.runType).end, run.name, record, {
        input: record.input,
        output: run.runType === 'llm' ? llmResult(record.output) : record.output,
      });
    case 'error':
      return event(eventNames(run.runType).error, run.name, record, errorData({ input: record.input }, record.error));
    case 'custom':
      return customEvent(record.name, record, record.data as StreamEvent['data']);
    case 'restart':
      return customEvent(
        RESTART_EVENT,
        record,
        errorData({ attempt: record.attempt, chunksDelivered: record.chunksDelivered }, record.error),
      );
  }
}

/**
 * An event payload that carries an error: `error` stays the error object (for
 * `instanceof`), and a non-enumerable `toJSON` makes `JSON.stringify` write it as its
 * `{ name, message, cause? }` (an `Error`'s own fields are not enumerable, so it would
 * otherwise be `{}`).
 */
function errorData<D extends Record<string, unknown>>(fields: D, error: unknown): D & { readonly error: unknown } {
  const data = { ...fields, error };
  Object.defineProperty(data, 'toJSON', {
    value: () => ({ ...fields, error: serializeError(error) }),
    enumerable: false,
  });
  errorPayloads.add(data);
  return data;
}

const errorPayloads = new WeakSet<object>();

/**
 * The event as the SSE wire writes it: an error event's payload without its `toJSON`,
 * so that the wire's own rule (an error is `{ name, message }`, no cause) applies.
 *
 * @param event - any event.
 * @returns the event, or a copy whose payload is a plain object.
 */
export function wireEvent(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const data = (event as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null || !errorPayloads.has(data)) return event;
  return { ...event, data: { ...data } };
}

function customEvent(name: string, record: LifecycleRecord, data: StreamEvent['data']): StreamEvent {
  const { run } = record;
  return {
    event: 'on_custom_event',
    name,
    run_id: run.runId,
    parent_ids: run.parentIds,
    tags: run.tags,
    metadata: run.metadata,
    data,
  };
}

function event(name: string, runName: string, record: LifecycleRecord, data: StreamEvent['data']): StreamEvent {
  const { run } = record;
  // The name is built from the run type, which the union's names enumerate.
  return {
    event: name,
    name: runName,
    run_id: run.runId,
    parent_ids: run.parentIds,
    tags: run.tags,
    metadata: run.metadata,
    data,
  } as StreamEvent;
}

/** A text model's chunk as LangChain.js's events show it: a generation chunk `{ text }`. */
function textGeneration(chunk: unknown): { text: string } {
  return { text: typeof chunk === 'string' ? chunk : '' };
}

/** A text model's output as LangChain.js's events show it: `{ generations: [[{ text }]], llmOutput }`. */
function llmResult(output: unknown): { generations: { text: string }[][]; llmOutput: Record<string, never> } {
  return { generations: [[textGeneration(output)]], llmOutput: {} };
}

/**
 * The neutral chunk or output of a text model's event (the reverse of the v2 mapping):
 * the text of a generation chunk, or of an LLM result's first generation.
 *
 * @param data - the `chunk` or `output` of an `on_llm_stream` or `on_llm_end` event.
 * @returns the text, or `data` as it is when it has neither shape.
 */
export function llmTextOf(data: unknown): unknown {
  if (data === null || typeof data !== 'object') return data;
  const text = (data as { text?: unknown }).text;
  if (typeof text === 'string') return text;
  const generations = (data as { generations?: unknown }).generations;
  if (Array.isArray(generations)) {
    const first = (generations[0] as unknown[] | undefined)?.[0] as { text?: unknown } | undefined;
    return typeof first?.text === 'string' ? first.text : '';
  }
  return data;
}

/** The run type v1 reports: chat models count as `llm`. */
export function v1RunType(runType: string): string {
  return runType === 'chat_model' ? 'llm' : runType;
}

/**
 * Maps a lifecycle record to a v1 stream event, reproducing LangChain.js v1 where it
 * differs from v2: chat models report as `on_llm_*`, their stream chunks are generation
 * chunks `{ text, message }` and their end output is `{ generations: [[...]], llmOutput }`,
 * `parent_ids` is always empty, and there are no custom events (the caller drops them).
 */
export function toStreamEventV1(record: LifecycleRecord): StreamEvent {
  const v2 = toStreamEventV2(record);
  const base = { ...v2, parent_ids: [] as readonly string[] } as StreamEvent;
  // v1 streams a text model's chunks as the strings they are.
  if (record.run.runType === 'llm' && record.type === 'stream')
    return { ...base, data: { chunk: record.chunk } } as StreamEvent;
  if (record.run.runType !== 'chat_model') return base;
  const phase = v2.event.slice('on_chat_model_'.length);
  const renamed = `on_llm_${phase}`;
  switch (record.type) {
    case 'stream':
      return { ...base, event: renamed, data: { chunk: generationChunk(record.chunk) } } as StreamEvent;
    case 'end':
      return {
        ...base,
        event: renamed,
        data: { input: record.input, output: { generations: [[generationChunk(record.output)]], llmOutput: {} } },
      } as StreamEvent;
    default:
      return { ...base, event: renamed } as StreamEvent;
  }
}

function generationChunk(message: unknown): { text: string; message: unknown } {
  const text = (message as { text?: unknown } | undefined)?.text;
  return { text: typeof text === 'string' ? text : '', message };
}
