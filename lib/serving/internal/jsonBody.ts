import { asyncScheduler, type SchedulerLike, type Subscription, timer } from 'rxjs';
import { MAX_NESTING_DEPTH, jsonNestsDeeperThan } from '../../codecs/nestingDepth.js';
import { NestingDepthError } from '../../errors/NestingDepthError.js';
import { RequestTimeoutError } from '../../errors/RequestTimeoutError.js';
import { invalidBody, type Checked } from './requestBody.js';
import { errorResponse } from './responses.js';

/** How much of a request body the server waits for, and how long. */
export interface BodyLimits {
  /** The most bytes; more gets a 413. */
  readonly maxBytes: number;
  /** Milliseconds for the whole body; longer gets a 408. */
  readonly timeout: number;
  /** Milliseconds without a byte (before the first one too); longer gets a 408. */
  readonly idleTimeout: number;
  /** The scheduler the two timeouts run on. */
  readonly scheduler: SchedulerLike | undefined;
}

/**
 * Whether a `Content-Type` declares JSON: `application/json` or a structured syntax
 * suffix (`application/vnd.api+json`), any parameters and letter case.
 */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const type = (header.split(';', 1)[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.!#$&^-]+\+json$/.test(type);
}

/**
 * Reads a JSON request body within `limits`: a body not declared JSON gets a 415 (a
 * browser sends `text/plain`, or a `Blob` with no type, cross-origin without a
 * preflight); more than `maxBytes` a 413 (without buffering it); a body that stalls or
 * trickles past its timeouts a 408 with a `RequestTimeoutError` (the connection is then
 * closed); nesting deeper than 1,000 levels a 400 with a `NestingDepthError`; an empty
 * body or malformed JSON a 422 with FastAPI's `detail`, as LangServe answers.
 */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<Checked<unknown>> {
  const type = request.headers.get('content-type');
  if (!isJsonContentType(type)) return { ok: false, response: unsupportedMediaType(type) };
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) return { ok: false, response: tooLarge(limits.maxBytes) };
  const read = await readBytes(request.body, limits);
  if (!read.ok) return read;
  const text = new TextDecoder().decode(read.value);
  if (text.trim() === '') {
    return {
      ok: false,
      response: invalidBody('The request body is empty. Send a JSON object such as {"input": ...}.', [
        { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
      ]),
    };
  }
  if (jsonNestsDeeperThan(text, MAX_NESTING_DEPTH)) {
    const error = new NestingDepthError(MAX_NESTING_DEPTH, 'the request body');
    return { ok: false, response: errorResponse(400, error.name, error.message) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      response: invalidBody(
        `The request body is not valid JSON (${reason}). Send a JSON object such as {"input": ...}.`,
        [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: reason } }],
      ),
    };
  }
}

async function readBytes(body: ReadableStream<Uint8Array> | null, limits: BodyLimits): Promise<Checked<Uint8Array>> {
  if (body === null) return { ok: true, value: new Uint8Array(0) };
  const scheduler = limits.scheduler ?? asyncScheduler;
  const reader = body.getReader();
  let trip!: (error: RequestTimeoutError) => void;
  const tripped = new Promise<RequestTimeoutError>((resolve) => (trip = resolve));
  const whole = timer(limits.timeout, scheduler).subscribe(() =>
    trip(new RequestTimeoutError('bodyTimeout', limits.timeout)),
  );
  let idle: Subscription | undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      idle?.unsubscribe();
      idle = timer(limits.idleTimeout, scheduler).subscribe(() =>
        trip(new RequestTimeoutError('bodyIdleTimeout', limits.idleTimeout)),
      );
      const next = await Promise.race([reader.read(), tripped]);
      if (next instanceof RequestTimeoutError) {
        // The body is left unread (cancelling it would drop the connection before the
        // answer is written); the answer closes the connection instead.
        reader.releaseLock();
        return {
          ok: false,
          response: errorResponse(408, next.name, next.message, { connection: 'close' }),
        };
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, response: tooLarge(limits.maxBytes) };
      }
      chunks.push(next.value);
    }
  } finally {
    whole.unsubscribe();
    idle?.unsubscribe();
  }
  return { ok: true, value: join(chunks, size) };
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function unsupportedMediaType(type: string | null): Response {
  const got = type === null ? 'no Content-Type' : `Content-Type ${JSON.stringify(type.slice(0, 100))}`;
  return errorResponse(
    415,
    'UnsupportedMediaType',
    `This route takes a JSON body, sent with Content-Type: application/json; the request had ${got}.`,
    { 'accept-post': 'application/json' },
  );
}

function tooLarge(maxBytes: number): Response {
  return errorResponse(
    413,
    'PayloadTooLarge',
    `The request body is larger than ${maxBytes} bytes, the limit the server set (maxBodyBytes).`,
  );
}
