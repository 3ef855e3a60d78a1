/** One SSE frame as a test reads it off the wire. */
export interface WireFrame {
  /** The frame's `id:`, if it has one. */
  readonly id: number | undefined;
  /** The `event:` field ('' when absent). */
  readonly event: string;
  /** The first `data:` line, if any. */
  readonly data: string | undefined;
}

/**
 * Reads SSE frames off a response body: `count` of them (then cancels the body, as a
 * dropped connection would), or all. Comments and a lone `retry:` field dispatch nothing,
 * as in a browser.
 */
export async function readWireFrames(response: Response, count = Infinity): Promise<WireFrame[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: WireFrame[] = [];
  let text = '';
  while (frames.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0 && frames.length < count) {
      const lines = text.slice(0, end).split('\n');
      text = text.slice(end + 2);
      if (lines.every((line) => line.startsWith(':') || line.startsWith('retry: '))) continue;
      const field = (name: string): string | undefined =>
        lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const id = field('id');
      frames.push({ id: id === undefined ? undefined : Number(id), event: field('event') ?? '', data: field('data') });
    }
  }
  await reader.cancel();
  return frames;
}
