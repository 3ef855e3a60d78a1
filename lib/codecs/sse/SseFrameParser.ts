/** One server-sent-events frame: its event type and its data lines joined. */
export interface SseFrame {
  /** The `event:` field (`message` when absent). */
  readonly event: string;
  /** The `data:` lines, joined with `\n`. */
  readonly data: string;
  /** The frame's raw text, for error messages. */
  readonly raw: string;
  /** The last `id:` field seen so far (it carries over to later frames), if any. */
  readonly id?: string | undefined;
}

/**
 * An incremental parser for the `text/event-stream` format: feed it decoded text in
 * pieces split anywhere; it returns the complete frames. Lines end with CRLF, LF or CR;
 * comment lines (`:` first) and `id:`/`retry:` fields are skipped; a blank line ends a
 * frame; a frame with neither data nor event (a keep-alive) is dropped.
 */
export class SseFrameParser {
  #line = '';
  #pendingCR = false;
  #event: string | undefined;
  #data: string[] = [];
  #raw: string[] = [];
  #lastId: string | undefined;

  /**
   * Consumes text.
   * @param text - the next piece of the stream.
   * @returns the frames it completed.
   */
  push(text: string): SseFrame[] {
    const frames: SseFrame[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) {
        if (this.#pendingCR) {
          this.#pendingCR = false;
          start = i + 1;
          continue;
        }
        this.#line += text.slice(start, i);
        this.#endLine(frames);
        start = i + 1;
      } else if (code === 13 /* \r */) {
        this.#line += text.slice(start, i);
        this.#endLine(frames);
        this.#pendingCR = true;
        start = i + 1;
      } else if (this.#pendingCR) {
        this.#pendingCR = false;
      }
    }
    this.#line += text.slice(start);
    return frames;
  }

  /** Whether text of an unfinished frame is buffered. */
  get hasPartialFrame(): boolean {
    return this.#line !== '' || this.#raw.length > 0;
  }

  #endLine(frames: SseFrame[]): void {
    const line = this.#line;
    this.#line = '';
    if (line === '') {
      if (this.#event !== undefined || this.#data.length > 0) {
        const frame = { event: this.#event ?? 'message', data: this.#data.join('\n'), raw: this.#raw.join('\n') };
        frames.push(this.#lastId === undefined ? frame : { ...frame, id: this.#lastId });
      }
      this.#event = undefined;
      this.#data = [];
      this.#raw = [];
      return;
    }
    if (line.startsWith(':')) return;
    this.#raw.push(line);
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    // An empty event field means the default type, as in the WHATWG parser.
    if (field === 'event') this.#event = value === '' ? undefined : value;
    else if (field === 'data') this.#data.push(value);
    // As in the WHATWG parser, an id with a NUL is ignored.
    else if (field === 'id' && !value.includes('\0')) this.#lastId = value;
  }
}
