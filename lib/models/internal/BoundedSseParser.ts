import { SseFrameParser, type SseFrame } from '../../codecs/sse/SseFrameParser.js';
import { ResponseLimitError } from '../../errors/ResponseLimitError.js';

/** The longest server-sent-events line a provider client accepts (1 MiB of characters). */
export const MAX_SSE_LINE_CHARS = 1024 * 1024;

/**
 * An `SseFrameParser` that refuses a line longer than `limit` characters with a
 * `ResponseLimitError`, so a server that never ends a line cannot grow the buffer without
 * bound.
 */
export class BoundedSseParser {
  readonly #parser = new SseFrameParser();
  #lineLength = 0;

  /**
   * @param url - the request's URL, for the error.
   * @param limit - the longest line, in characters.
   */
  constructor(
    readonly url: string,
    readonly limit = MAX_SSE_LINE_CHARS,
  ) {}

  /**
   * Consumes text.
   * @param text - the next piece of the stream.
   * @returns the frames it completed.
   * @throws ResponseLimitError when a line passes the bound.
   */
  push(text: string): SseFrame[] {
    let length = this.#lineLength;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */ || code === 13 /* \r */) length = 0;
      else if (++length > this.limit) throw new ResponseLimitError(this.url, 'an SSE line', this.limit, 'characters');
    }
    this.#lineLength = length;
    return this.#parser.push(text);
  }
}
