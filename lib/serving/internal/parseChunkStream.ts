import { Observable } from 'rxjs';
import { fromByteStream } from '../../adapters/fromByteStream.js';
import { EventStreamError } from '../../errors/EventStreamError.js';
import { RemoteRunError } from '../../errors/RemoteRunError.js';
import { reviveValue } from '../../events/reviveEventData.js';
import { SseFrameParser, type SseFrame } from '../../events/SseFrameParser.js';

/**
 * Reads the body of `POST /stream`: an `event: metadata` frame (the run id, skipped),
 * one `event: data` frame per output chunk (revived: messages become message classes),
 * then `event: end`; an `event: error` frame fails with a `RemoteRunError`, anything
 * else (or a body cut before `event: end`) with an `EventStreamError`. Unsubscribing
 * cancels the body.
 */
export function parseChunkStream$(body: ReadableStream<Uint8Array>): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    const decoder = new TextDecoder();
    const parser = new SseFrameParser();
    let ended = false;
    const handle = (frames: readonly SseFrame[]): void => {
      for (const frame of frames) {
        if (ended) return;
        switch (frame.event) {
          case 'metadata':
            break;
          case 'data':
            subscriber.next(reviveValue(parseJson(frame)));
            break;
          case 'end':
            ended = true;
            subscriber.complete();
            return;
          case 'error': {
            ended = true;
            const payload = parseJson(frame) as { name?: unknown; message?: unknown; run_name?: unknown } | null;
            const runName = typeof payload?.run_name === 'string' ? payload.run_name : undefined;
            subscriber.error(new RemoteRunError(String(payload?.name ?? 'Error'), String(payload?.message ?? ''), runName));
            return;
          }
          default:
            throw new EventStreamError(`unknown event type "${frame.event}" in an output stream`, frame.raw);
        }
      }
    };
    let subscription: { unsubscribe(): void } | undefined;
    subscription = fromByteStream(body).subscribe({
      next: (chunk) => {
        try {
          handle(parser.push(decoder.decode(chunk, { stream: true })));
        } catch (error) {
          ended = true;
          subscriber.error(error);
        }
        if (ended) subscription?.unsubscribe();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (ended) return;
        try {
          handle(parser.push(`${decoder.decode()}\n\n`));
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (!ended) subscriber.error(new EventStreamError('the stream ended before its "event: end" frame'));
      },
    });
    if (ended) subscription.unsubscribe();
    return subscription;
  });
}

function parseJson(frame: SseFrame): unknown {
  try {
    return JSON.parse(frame.data) as unknown;
  } catch {
    throw new EventStreamError('frame data is not JSON', frame.raw);
  }
}
