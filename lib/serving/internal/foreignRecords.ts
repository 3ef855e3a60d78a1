import { unique } from '../../core/RunnableConfig.js';
import type { LifecycleRecord, RunInfo, RunType } from '../../core/RunEvent.js';
import type { StreamEvent } from '../../events/StreamEvent.js';
import { EventStreamError } from '../../errors/EventStreamError.js';
import { llmTextOf } from '../../events/toStreamEvent.js';

const LIFECYCLE = /^on_(chain|prompt|parser|chat_model|llm|tool|retriever)_(start|stream|end|error)$/;

/**
 * Turns the v2 events of a remote run tree into foreign records under the local run
 * `via`: every remote run keeps its id; its `parent_ids` get `via`'s ancestry and id in
 * front; it inherits `via`'s inheritable tags and metadata (the remote side's values
 * win), as a local child would. One instance per remote call: it remembers each remote
 * run's name and type from its start, so that a custom event can name its run.
 */
export class ForeignRecords {
  readonly #via: RunInfo;
  readonly #prefix: readonly string[];
  readonly #tags: readonly string[];
  readonly #runs = new Map<string, { readonly name: string; readonly runType: RunType }>();

  /**
   * @param via - the local run the remote tree nests under.
   * @param inheritableTags - the tags `via` passes down.
   */
  constructor(via: RunInfo, inheritableTags: readonly string[]) {
    this.#via = via;
    this.#prefix = [...via.parentIds, via.runId];
    this.#tags = inheritableTags;
  }

  /**
   * The record one remote event stands for, its run re-parented under `via`.
   * @throws EventStreamError for an event name rxchain does not know.
   */
  toRecord(event: StreamEvent): LifecycleRecord {
    const data = event.data ?? {};
    if (event.event === 'on_custom_event') {
      const known = this.#runs.get(event.run_id);
      const run = this.#run(event, known?.name ?? '', known?.runType ?? 'chain');
      return { type: 'custom', run, name: event.name, data: event.data };
    }
    const match = LIFECYCLE.exec(event.event);
    if (match === null) throw new EventStreamError(`unknown event "${event.event}" from the remote run`);
    const runType = match[1] as RunType;
    const phase = match[2] as 'start' | 'stream' | 'end' | 'error';
    const run = this.#run(event, event.name, runType);
    switch (phase) {
      case 'start':
        this.#runs.set(event.run_id, { name: event.name, runType });
        return 'input' in data
          ? { type: 'start', run, hasInput: true, input: data.input }
          : { type: 'start', run, hasInput: false };
      // A text model's events carry generations; its records carry the text.
      case 'stream':
        return { type: 'stream', run, chunk: runType === 'llm' ? llmTextOf(data.chunk) : data.chunk };
      case 'end':
        this.#runs.delete(event.run_id);
        return {
          type: 'end',
          run,
          input: data.input,
          output: runType === 'llm' ? llmTextOf(data.output) : data.output,
        };
      case 'error':
        this.#runs.delete(event.run_id);
        return { type: 'error', run, input: data.input, error: data.error };
    }
  }

  #run(event: StreamEvent, name: string, runType: RunType): RunInfo {
    const via = this.#via;
    return {
      runId: event.run_id,
      parentIds: [...this.#prefix, ...event.parent_ids],
      name,
      runType,
      tags: this.#tags.length > 0 ? unique([...event.tags, ...this.#tags]) : event.tags,
      metadata: { ...via.metadata, ...event.metadata },
    };
  }
}
