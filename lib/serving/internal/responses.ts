import { toJson } from '../../codecs/toJson.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Headers of a server-sent-events answer; `x-accel-buffering` asks nginx not to buffer it. */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});

/** A JSON answer; messages and documents are written with their `toJSON()`, errors as `{ name, message }`. */
export function jsonResponse(status: number, body: unknown, headers?: Readonly<Record<string, string>>): Response {
  return new Response(toJson(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** An error answer: `{ "error": { "name", "message" } }`. */
export function errorResponse(
  status: number,
  name: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Response {
  return jsonResponse(status, { error: { name, message } }, headers);
}
