import { ResponseLimitError } from '../../errors/ResponseLimitError.js';

/** The most bytes of an error body a provider client reads (64 KiB). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Seconds a response asks the client to wait: `retry-after-ms` (milliseconds), else
 * `retry-after` as seconds or as an HTTP date (measured from `nowMs`). Undefined when
 * neither says, or says something unreadable or negative.
 */
export function retryAfterSeconds(headers: Headers, nowMs: number): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? '');
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, (at - nowMs) / 1000) : undefined;
}

/** What `x-should-retry` says (`true` / `false`), undefined when absent. */
export function shouldRetryHeader(headers: Headers): boolean | undefined {
  const value = headers.get('x-should-retry')?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * The text of an error response, read up to `limit` bytes. A longer body is cancelled and
 * fails with a `ResponseLimitError` (retryable when `isRetryable` says the status is).
 */
export async function readErrorBody(
  response: Response,
  url: string,
  isRetryable: boolean,
  limit = MAX_ERROR_BODY_BYTES,
): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseLimitError(url, 'the error body', limit, 'bytes', { status: response.status, isRetryable });
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
