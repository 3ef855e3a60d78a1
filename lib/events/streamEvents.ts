import { Observable, type OperatorFunction } from 'rxjs';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator, type IteratorBufferOptions } from '../adapters/ObservableIterator.js';
import { abortIteration } from '../core/internal/abortIteration.js';
import { recordRun } from '../core/internal/recordRun.js';
import type { RunSource } from '../core/lifecycle.js';
import { RUNNABLE_CONFIG_KEYS, type RunnableConfig } from '../core/RunnableConfig.js';
import { lifecycleRecordOf, type LifecycleRecord, type RunEvent } from '../core/RunEvent.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { unknownOptionError } from '../errors/internal/unknownOption.js';
import { encodeEventStream } from './encodeEventStream.js';
import { eventFilter } from './eventFilter.js';
import type { StreamEvent, StreamEventFilters, StreamEventsVersion } from './StreamEvent.js';
import { toStreamEventV1, toStreamEventV2, v1RunType } from './toStreamEvent.js';

/** Options of `streamEvents` and `events$`: the schema version, an encoding, and the run's config. */
export interface StreamEventsOptions extends RunnableConfig {
  /** The event schema: `"v2"` (current) or `"v1"` (LangChain.js's first). */
  version: StreamEventsVersion;
  /** `"text/event-stream"` to get SSE frames as bytes instead of event objects. */
  encoding?: 'text/event-stream' | undefined;
  /** Bounds the events (or frames) held for a slow consumer of the iterator; unbounded by default. */
  buffer?: IteratorBufferOptions | undefined;
}

const VERSIONS: readonly string[] = ['v1', 'v2'];

const OPTION_KEYS: readonly string[] = ['version', 'encoding', 'buffer', ...RUNNABLE_CONFIG_KEYS];

const FILTER_HINT = 'Filters are the third argument: streamEvents(input, { version: "v2" }, { includeNames: [...] }).';
const OPTION_HINTS: Readonly<Record<string, string>> = {
  includeNames: FILTER_HINT,
  includeTypes: FILTER_HINT,
  includeTags: FILTER_HINT,
  excludeNames: FILTER_HINT,
  excludeTypes: FILTER_HINT,
  excludeTags: FILTER_HINT,
};

/** Why `options` cannot run, if it cannot: no version, an unknown version, encoding or key. */
function optionsError(options: Partial<StreamEventsOptions> | undefined): InvalidArgumentError | undefined {
  const version = options?.version;
  if (version === undefined) {
    return new InvalidArgumentError(
      'version',
      'streamEvents() requires the event schema version: call streamEvents(input, { version: "v2" }) ("v1" is LangChain\'s older schema).',
    );
  }
  if (!VERSIONS.includes(version)) {
    return new InvalidArgumentError(
      'version',
      `streamEvents() supports versions "v2" and "v1", got ${JSON.stringify(version)}: pass { version: "v2" }.`,
    );
  }
  if (options?.encoding !== undefined && options.encoding !== 'text/event-stream') {
    return new InvalidArgumentError(
      'encoding',
      `Unknown encoding ${JSON.stringify(options.encoding)}: the only encoding is "text/event-stream".`,
    );
  }
  return unknownOptionError('streamEvents()', options ?? {}, OPTION_KEYS, OPTION_HINTS);
}

function configOf(options: Partial<StreamEventsOptions>): RunnableConfig {
  const { version: _version, encoding: _encoding, buffer: _buffer, ...config } = options;
  return copySymbols(options, config);
}

function copySymbols(from: object, to: RunnableConfig): RunnableConfig {
  for (const key of Object.getOwnPropertySymbols(from)) {
    (to as Record<symbol, unknown>)[key] = (from as Record<symbol, unknown>)[key];
  }
  return to;
}

/**
 * The events of one run of `runnable`, as an Observable: a pure mapping of the run's
 * lifecycle records (filtered, then shaped as v1 or v2 events). Cold; unsubscribing
 * cancels the run.
 */
export function streamEvents$<I, O>(
  runnable: RunSource<I, O>,
  input: I | Observable<I>,
  options: Partial<StreamEventsOptions>,
  filters?: StreamEventFilters,
): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    const invalid = optionsError(options);
    if (invalid !== undefined) {
      subscriber.error(invalid);
      return undefined;
    }
    const version = options.version as StreamEventsVersion;
    return recordRun(runnable, input, configOf(options)).pipe(toStreamEvents(version, filters)).subscribe(subscriber);
  });
}

/**
 * Maps a run's channel records to its public events: drops the records the filters leave
 * out (and, in v2, the stream record of a root run that does not stream, as LangChain does),
 * then shapes each as a v2 (or v1) event. A foreign record (a remote run's, already
 * re-parented) maps like a local one; v1 has no custom events.
 *
 * @param version - the event schema.
 * @param filters - keep or drop runs by name, type or tag.
 * @returns the operator.
 */
export function toStreamEvents(
  version: StreamEventsVersion,
  filters?: StreamEventFilters,
): OperatorFunction<RunEvent, StreamEvent> {
  const keep = eventFilter(filters);
  const v1 = version === 'v1';
  const toEvent = v1 ? toStreamEventV1 : toStreamEventV2;
  const runType = v1
    ? (record: LifecycleRecord) => v1RunType(record.run.runType)
    : (record: LifecycleRecord) => record.run.runType;
  return (records$) =>
    new Observable<StreamEvent>((subscriber) =>
      records$.subscribe({
        next: (channelRecord) => {
          const record = lifecycleRecordOf(channelRecord);
          if (v1 && (record.type === 'custom' || record.type === 'restart')) return;
          // A root prompt's, tool's or retriever's one value is its output, which its end event
          // carries: LangChain's v2 reports no stream event for it (v1 does).
          if (!v1 && record.type === 'stream' && record.output === true) return;
          if (keep !== undefined && !keep(record, runType(record))) return;
          subscriber.next(toEvent(record));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}

/**
 * `streamEvents$` as an async iterable that is also a `ReadableStream`; with
 * `encoding: "text/event-stream"`, of SSE frames as bytes. Nothing runs until the first
 * read; `break`, `return()` or `cancel()` cancel the run; aborting `signal` rejects the next
 * read with an `AbortError`, even after the run has finished.
 */
export function streamEvents<I, O>(
  runnable: RunSource<I, O>,
  input: I,
  options: StreamEventsOptions | undefined,
  filters?: StreamEventFilters,
): IterableReadableStream<StreamEvent> | IterableReadableStream<Uint8Array> {
  // A caller without types may leave the options out: the stream then fails with the
  // error that says what to pass, at its first read.
  const given: Partial<StreamEventsOptions> = options ?? {};
  const events$ = streamEvents$(runnable, input, given, filters);
  if (given.encoding === 'text/event-stream') {
    return new IterableReadableStream(
      abortIteration(new ObservableIterator(encodeEventStream(events$), { ...given.buffer, lazy: true }), given.signal),
    );
  }
  return new IterableReadableStream(
    abortIteration(new ObservableIterator(events$, { ...given.buffer, lazy: true }), given.signal),
  );
}
