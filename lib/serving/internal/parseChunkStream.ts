import type { Observable } from 'rxjs';
import { EventStreamError } from '../../errors/EventStreamError.js';
import { readFrames$, remoteRunErrorOf, type LineBound } from './readFrames.js';
import { reviveValue } from './reviveEventData.js';
import type { SseFrame } from '../../codecs/sse/SseFrameParser.js';

/**
 * Reads the body of `POST /stream`: an `event: metadata` frame (the run id, skipped),
 * one `event: data` frame per output chunk (revived: messages become message classes),
 * then `event: end`; an `event: error` frame fails with a `RemoteRunError`, anything
 * else (or a body cut before `event: end`) with an `EventStreamError`, a line past
 * `bound` with a `ResponseLimitError`. Unsubscribing cancels the body.
 */
export function parseChunkStream$(
  body: ReadableStream<Uint8Array>,
  onFrame?: (frame: SseFrame) => void,
  bound?: LineBound,
): Observable<unknown> {
  return readFrames$<unknown>(
    body,
    (frame, output) => {
      onFrame?.(frame);
      switch (frame.event) {
        case 'metadata':
          return 'more';
        case 'data':
          output.next(reviveValue(parseJson(frame)));
          return 'more';
        case 'end':
          output.complete();
          return 'ended';
        case 'error':
          output.error(remoteRunErrorOf(frame));
          return 'ended';
        default:
          throw new EventStreamError(`unknown event type "${frame.event}" in an output stream`, frame.raw);
      }
    },
    bound,
  );
}

function parseJson(frame: SseFrame): unknown {
  try {
    return JSON.parse(frame.data) as unknown;
  } catch {
    throw new EventStreamError('frame data is not JSON', frame.raw);
  }
}
