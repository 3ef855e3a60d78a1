import { lifecycleRecordOf, type LifecycleRecord, type RunEvent } from '../../core/RunEvent.js';
import type { RecordFilter } from '../../events/eventFilter.js';
import { escapePointer, type Operation } from '../../codecs/jsonPatch/Operation.js';
import type { LogEntry, LoggedError, RunState } from '../RunState.js';

/** What the recorder keeps about a logged sub-run. */
interface Logged {
  /** The JSON Pointer of its entry: `/logs/<escaped key>`. */
  readonly path: string;
  /** Whether its entry got `inputs` at the start. */
  readonly hasInputs: boolean;
  /** Whether its chunks also go to `streamed_output_str`. */
  readonly textual: boolean;
}

/**
 * Turns the lifecycle records of one run into run-log operations (one recorder per
 * subscription). The first record's run is the root: its start replaces the whole state,
 * its chunks go to `/streamed_output`, its end sets `/final_output`. Every other run that
 * passes the filter gets an entry under `/logs`, keyed by its name (`name:2`, `name:3`
 * for later runs of the same name). Custom events are not part of the log.
 */
export class RunLogRecorder {
  readonly #keep: RecordFilter | undefined;
  readonly #now: () => string;
  #rootId: string | undefined;
  readonly #logged = new Map<string, Logged>();
  readonly #counts = new Map<string, number>();
  readonly #keys = new Set<string>();

  /**
   * @param keep - the filter sub-runs must pass (the root always does).
   * @param now - the current time, as an ISO string.
   */
  constructor(keep: RecordFilter | undefined, now: () => string) {
    this.#keep = keep;
    this.#now = now;
  }

  /**
   * The operations a record adds to the log (none for filtered runs and custom events).
   * A foreign record (a remote run's, already re-parented) is logged like a local one.
   */
  opsFor(channelRecord: RunEvent): Operation[] {
    const record = lifecycleRecordOf(channelRecord);
    if (record.type === 'custom' || record.type === 'restart') return [];
    this.#rootId ??= record.run.runId;
    if (record.run.runId === this.#rootId) return this.#rootOps(record);
    if (record.type === 'start') return this.#startEntry(record);
    const logged = this.#logged.get(record.run.runId);
    if (logged === undefined) return [];
    const { path } = logged;
    switch (record.type) {
      case 'stream':
        return logged.textual
          ? [
              { op: 'add', path: `${path}/streamed_output_str/-`, value: chunkText(record.chunk) },
              { op: 'add', path: `${path}/streamed_output/-`, value: record.chunk },
            ]
          : [{ op: 'add', path: `${path}/streamed_output/-`, value: record.chunk }];
      case 'end':
        this.#logged.delete(record.run.runId);
        return [
          ...this.#lateInputs(logged, record.input),
          { op: 'add', path: `${path}/final_output`, value: record.output },
          { op: 'add', path: `${path}/end_time`, value: this.#now() },
        ];
      case 'error':
        this.#logged.delete(record.run.runId);
        return [
          ...this.#lateInputs(logged, record.input),
          { op: 'add', path: `${path}/error`, value: loggedError(record.error) },
          { op: 'add', path: `${path}/end_time`, value: this.#now() },
        ];
    }
  }

  #rootOps(record: Exclude<LifecycleRecord, { type: 'custom' | 'restart' }>): Operation[] {
    const { run } = record;
    switch (record.type) {
      case 'start': {
        const state: RunState = {
          id: run.runId,
          streamed_output: [],
          final_output: undefined,
          logs: {},
          name: run.name,
          type: run.runType,
        };
        return [{ op: 'replace', path: '', value: state }];
      }
      case 'stream':
        return [{ op: 'add', path: '/streamed_output/-', value: record.chunk }];
      case 'end':
        return [{ op: 'add', path: '/final_output', value: record.output }];
      case 'error':
        return [{ op: 'add', path: '/error', value: loggedError(record.error) }];
    }
  }

  #startEntry(record: Extract<LifecycleRecord, { type: 'start' }>): Operation[] {
    const { run, hasInput, input } = record;
    if (this.#keep !== undefined && !this.#keep(record, run.runType)) return [];
    const key = this.#keyFor(run.name);
    const textual = run.runType === 'llm' || run.runType === 'chat_model';
    const path = `/logs/${escapePointer(key)}`;
    this.#logged.set(run.runId, { path, hasInputs: hasInput, textual });
    const entry: LogEntry = {
      id: run.runId,
      name: run.name,
      type: run.runType,
      tags: [...run.tags],
      metadata: { ...run.metadata },
      start_time: this.#now(),
      streamed_output: [],
      streamed_output_str: [],
      ...(hasInput ? { inputs: input } : {}),
      final_output: undefined,
      end_time: undefined,
    };
    return [{ op: 'add', path, value: entry }];
  }

  #lateInputs(logged: Logged, input: unknown): Operation[] {
    return logged.hasInputs ? [] : [{ op: 'add', path: `${logged.path}/inputs`, value: input }];
  }

  /** `name`, then `name:2`, `name:3`, ...; never a key already taken. */
  #keyFor(name: string): string {
    let count = this.#counts.get(name) ?? 0;
    let key: string;
    do {
      count++;
      key = count === 1 ? name : `${name}:${count}`;
    } while (this.#keys.has(key));
    this.#counts.set(name, count);
    this.#keys.add(key);
    return key;
  }
}

/** The text of a model chunk: a string as it is, a message chunk's `text`, else `''`. */
function chunkText(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk !== null && typeof chunk === 'object') {
    const text = (chunk as { text?: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return '';
}

function loggedError(error: unknown): LoggedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
