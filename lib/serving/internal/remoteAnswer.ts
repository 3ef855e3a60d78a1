import { Observable } from 'rxjs';
import { stripTerminalCodes } from '../../errors/internal/stripTerminalCodes.js';
import { RemoteCallError } from '../../errors/RemoteCallError.js';
import { ResponseLimitError } from '../../errors/ResponseLimitError.js';
import { RxchainError } from '../../errors/RxchainError.js';
import { reviveValue } from './reviveEventData.js';

/** The bounds `RemoteRunnable` keeps on what it reads, all resolved. */
export interface RemoteLimits {
  /** The most bytes of an `/invoke` answer. */
  readonly maxResponseBytes: number;
  /** The longest SSE line, in characters. */
  readonly maxLineChars: number;
  /** The most bytes of an error answer kept. */
  readonly maxErrorBodyBytes: number;
}

/** `RemoteRunnable`'s default bounds: 10 MiB answers, 1 MiB SSE lines, 64 KiB error bodies. */
export const DEFAULT_REMOTE_LIMITS: RemoteLimits = Object.freeze({
  maxResponseBytes: 10 * 1024 * 1024,
  maxLineChars: 1024 * 1024,
  maxErrorBodyBytes: 64 * 1024,
});

const EXCERPT = 200;

/** The first characters of a body, safe to print, for an error message. */
export function excerpt(text: string, length = EXCERPT): string {
  const plain = stripTerminalCodes(text.slice(0, length * 2)).replace(/\s+/g, ' ');
  return plain.length > length || text.length > length * 2 ? `${plain.slice(0, length)}…` : plain;
}

/**
 * Reads at most `limit` bytes of a body; a longer one is cancelled and fails with a
 * `ResponseLimitError` naming `part`.
 */
export async function readBounded(response: Response, url: string, limit: number, part: string): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      const status = response.status;
      throw new ResponseLimitError(url, part, limit, 'bytes', {
        status,
        isRetryable: !response.ok && (status === 408 || status === 409 || status === 429 || status >= 500),
      });
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const item of parts) {
    bytes.set(item, at);
    at += item.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * The error a remote call fails with when reading its answer broke: a named error as it
 * is; anything else (the platform's `TypeError: terminated` when the connection is cut)
 * becomes a retryable `RemoteCallError` caused by it. An abort is left alone.
 */
export function readFailure(url: string, error: unknown): unknown {
  if (error instanceof RxchainError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RemoteCallError({
    url,
    isRetryable: true,
    problem: `the connection was cut before the answer was complete (${excerpt(reason)})`,
    hint: 'The server or a proxy in between dropped it; try again.',
    cause: error,
  });
}

/**
 * Reads the answer of `POST /invoke`: at most `maxResponseBytes` of JSON with an
 * `output` field, revived (messages become message classes). A body that is not JSON (an
 * HTML page, a truncated answer) or has no `output` fails with a `RemoteCallError`
 * quoting its start.
 */
export function invokeAnswer$<O>(response: Response, url: string, limits: RemoteLimits): Observable<O> {
  return new Observable<O>((subscriber) => {
    readBounded(response, url, limits.maxResponseBytes, 'the response body')
      .then((text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw malformed(url, response.status, text, 'is not JSON');
        }
        if (json === null || typeof json !== 'object' || Array.isArray(json) || !('output' in json)) {
          throw malformed(url, response.status, text, 'has no "output" field');
        }
        return reviveValue(json.output) as O;
      })
      .then(
        (output) => {
          subscriber.next(output);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
  });
}

function malformed(url: string, status: number, text: string, what: string): RemoteCallError {
  return new RemoteCallError({
    url,
    status,
    responseBody: text.slice(0, 1000),
    isRetryable: false,
    problem: `the answer ${what} (it starts ${JSON.stringify(excerpt(text))})`,
    hint: 'Check that the url points at an rxchain or LangServe server, not a proxy or a web page.',
  });
}
