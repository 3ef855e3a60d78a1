const encoder = new TextEncoder();

/**
 * One `text/event-stream` frame as UTF-8 bytes: `event: <event>\n`, then `data: <data>\n`
 * for each line of `data` (none when `data` is undefined), then a blank line. Line breaks
 * inside `data` become separate `data:` lines, so no value can end the frame early or
 * forge another one; the SSE parser joins them back with `\n`.
 *
 * @param event - the frame's event type (`data`, `end`, `error`, `metadata`).
 * @param data - the frame's data, usually JSON.
 * @param id - the frame's `id:` line, which a reconnecting client sends back as `Last-Event-ID`.
 * @returns the frame's bytes.
 */
export function sseFrame(event: string, data?: string, id?: number): Uint8Array {
  const head = id === undefined ? `event: ${event}\n` : `id: ${id}\nevent: ${event}\n`;
  if (data === undefined) return encoder.encode(`${head}\n`);
  const lines = data.includes('\n') || data.includes('\r') ? data.split(/\r\n|\r|\n/) : [data];
  return encoder.encode(`${head}${lines.map((line) => `data: ${line}\n`).join('')}\n`);
}

/** An SSE comment line (`: <text>`), which readers skip: a heartbeat. */
export function sseComment(text: string): Uint8Array {
  return encoder.encode(`: ${text}\n\n`);
}

/**
 * The SSE `retry:` field alone (`retry: <ms>` and a blank line): it tells a browser's
 * `EventSource` how long to wait before it reconnects, and dispatches no event.
 *
 * @param ms - the reconnection delay in milliseconds.
 * @returns the field's bytes.
 */
export function sseRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${ms}\n\n`);
}
