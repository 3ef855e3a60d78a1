import type { Observable } from 'rxjs';
import { IterableReadableStream } from '../adapters/IterableReadableStream.js';
import { ObservableIterator } from '../adapters/ObservableIterator.js';
import { EventStreamError } from '../errors/EventStreamError.js';
import { reviveEventData } from './internal/reviveEventData.js';
import { readFrames$, remoteRunErrorOf } from './internal/readFrames.js';
import type { SseFrame } from '../codecs/sse/SseFrameParser.js';
import type { StreamEvent } from '../events/StreamEvent.js';

/** A byte stream: a `ReadableStream` (a fetch body) or any async iterable of bytes. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Options of `parseEventStream$` and `parseEventStream`. */
export interface ParseEventStreamOptions {
  /**
   * The longest line accepted, in characters: a server that never ends a line cannot
   * grow the buffer past it; a longer one fails with a `ResponseLimitError`. @default 1048576
   */
  maxLineChars?: number | undefined;
  /** Where the bytes come from, named in that error. @default 'the event stream' */
  url?: string | undefined;
  /** Called with each frame as it is read (its `id:` is what a resuming client sends back). */
  onFrame?: ((frame: SseFrame) => void) | undefined;
}

function toEvent(frame: SseFrame): StreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.data);
  } catch {
    throw new EventStreamError('frame data is not JSON', frame.raw);
  }
  if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { event?: unknown }).event !== 'string') {
    throw new EventStreamError('frame data is not a stream event (no "event" field)', frame.raw);
  }
  const event = parsed as Partial<StreamEvent> & { event: string };
  // A custom event's payload may be null, or undefined (JSON then drops the key); every
  // other event has a data object.
  const data = event.data !== undefined || event.event === 'on_custom_event' ? event.data : {};
  return {
    ...event,
    name: typeof event.name === 'string' ? event.name : '',
    run_id: typeof event.run_id === 'string' ? event.run_id : '',
    // LangServe's v1 events, and its events before v2, have no parent_ids.
    parent_ids: Array.isArray(event.parent_ids) ? event.parent_ids : [],
    tags: Array.isArray(event.tags) ? event.tags : [],
    metadata: event.metadata !== null && typeof event.metadata === 'object' ? event.metadata : {},
    data: reviveEventData(event.event, data),
  } as StreamEvent;
}

/**
 * Turns `text/event-stream` bytes written by `streamEvents(..., { encoding:
 * "text/event-stream" })` back into typed events, as an Observable. Messages are revived as
 * `AIMessageChunk` etc. (any object with a message `type` such as `"ai"` or
 * `"AIMessageChunk"` and a `content` field is read as a message, custom payloads included); an `event: error` frame fails the Observable with a
 * `RemoteRunError`; a malformed frame, or a stream cut before `event: end`, fails it
 * with an `EventStreamError`; a line over `maxLineChars` or a value nested over 1,000
 * levels with a `ResponseLimitError` or a `NestingDepthError`. Frames may be split at any
 * byte. Unsubscribing cancels the body.
 *
 * @param body - the response body.
 * @param options - the longest line, the URL for errors, and `onFrame`, called with each
 *   frame as it is read (its `id:` is what a client resuming the stream sends back).
 * @returns the events.
 *
 * @example
 * ```ts
 * import { parseEventStream$ } from 'rxchain';
 * import { lastValueFrom, toArray } from 'rxjs';
 *
 * const text = 'event: data\ndata: {"event":"on_chain_start","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{}}\n\nevent: end\n\n';
 * const body = new Blob([text]).stream();
 * const events = await lastValueFrom(parseEventStream$(body).pipe(toArray()));
 * console.log(events.map((e) => e.event)); // => ['on_chain_start']
 * ```
 */
export function parseEventStream$(body: ByteSource, options: ParseEventStreamOptions = {}): Observable<StreamEvent> {
  const { onFrame } = options;
  return readFrames$<StreamEvent>(
    body,
    (frame, output) => {
      onFrame?.(frame);
      switch (frame.event) {
        case 'data':
        case 'message':
          output.next(toEvent(frame));
          return 'more';
        case 'metadata':
          // LangServe's { run_id, feedback_tokens? }: nothing of the events.
          return 'more';
        case 'end':
          output.complete();
          return 'ended';
        case 'error':
          output.error(remoteRunErrorOf(frame));
          return 'ended';
        default:
          throw new EventStreamError(`unknown event type "${frame.event}"`, frame.raw);
      }
    },
    options,
  );
}

/**
 * `parseEventStream$` as an async iterable (also a `ReadableStream`): `for await` over
 * the events of a fetch response body.
 *
 * @param body - the response body.
 * @param options - the longest line, and the URL for errors.
 * @returns the events.
 *
 * @example
 * ```ts
 * import { parseEventStream } from 'rxchain';
 *
 * const body = new Blob(['event: data\ndata: {"event":"on_chain_end","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"output":1}}\n\nevent: end\n\n']).stream();
 * const outputs: unknown[] = [];
 * for await (const event of parseEventStream(body)) outputs.push(event.data.output);
 * console.log(outputs); // => [1]
 * ```
 */
export function parseEventStream(
  body: ByteSource,
  options: ParseEventStreamOptions = {},
): IterableReadableStream<StreamEvent> {
  return new IterableReadableStream(new ObservableIterator(parseEventStream$(body, options), { lazy: true }));
}
