import { SseFrameParser, type SseFrame } from '../../../lib/codecs/sse/SseFrameParser.js';

/** Parses `pieces` in order with one parser; returns every frame and the parser. */
function parse(...pieces: string[]): { frames: SseFrame[]; parser: SseFrameParser } {
  const parser = new SseFrameParser();
  const frames = pieces.flatMap((piece) => parser.push(piece));
  return { frames, parser };
}

const eventsAndData = (frames: readonly SseFrame[]) => frames.map(({ event, data }) => ({ event, data }));

describe('SseFrameParser', () => {
  describe('line endings', () => {
    it('should parse LF-terminated frames with their raw text', () => {
      const { frames } = parse('event: data\ndata: {"a":1}\n\nevent: end\n\n');
      expect(frames).toEqual([
        { event: 'data', data: '{"a":1}', raw: 'event: data\ndata: {"a":1}' },
        { event: 'end', data: '', raw: 'event: end' },
      ]);
    });

    it('should parse CRLF-terminated frames', () => {
      const { frames } = parse('event: data\r\ndata: one\r\n\r\nevent: end\r\n\r\n');
      expect(eventsAndData(frames)).toEqual([
        { event: 'data', data: 'one' },
        { event: 'end', data: '' },
      ]);
    });

    it('should parse CR-terminated frames', () => {
      const { frames } = parse('event: data\rdata: one\r\revent: end\r\r');
      expect(eventsAndData(frames)).toEqual([
        { event: 'data', data: 'one' },
        { event: 'end', data: '' },
      ]);
    });

    it('should parse a stream that mixes all three endings', () => {
      const { frames } = parse('event: data\r\ndata: a\rdata: b\n\r\nevent: end\r\r');
      expect(eventsAndData(frames)).toEqual([
        { event: 'data', data: 'a\nb' },
        { event: 'end', data: '' },
      ]);
    });

    it('should treat a CRLF split across pushes as one line ending', () => {
      const { frames, parser } = parse('event: data\r', '\ndata: x\r', '\n\r', '\n');
      expect(eventsAndData(frames)).toEqual([{ event: 'data', data: 'x' }]);
      expect(parser.hasPartialFrame).toBe(false);
    });

    it('should treat a CR at the end of a push followed by other text as a line ending', () => {
      const { frames } = parse('data: a\r', 'data: b\r', '\r');
      expect(eventsAndData(frames)).toEqual([{ event: 'message', data: 'a\nb' }]);
    });

    it('should read two CRs as two line endings, even across pushes', () => {
      const { frames } = parse('data: a\r', '\r', 'data: b\r\r');
      expect(eventsAndData(frames)).toEqual([
        { event: 'message', data: 'a' },
        { event: 'message', data: 'b' },
      ]);
    });

    it('should give the same frames however the text is split', () => {
      const text = 'event: data\r\ndata: é😀\r\n\r\n: ping\rdata: x\rdata:  y\n\nevent: end\r\n\r\n';
      const whole = parse(text).frames;
      expect(eventsAndData(whole)).toEqual([
        { event: 'data', data: 'é😀' },
        { event: 'message', data: 'x\n y' },
        { event: 'end', data: '' },
      ]);
      for (let i = 0; i <= text.length; i++) {
        for (let j = i; j <= text.length; j++) {
          expect(parse(text.slice(0, i), text.slice(i, j), text.slice(j)).frames).toEqual(whole);
        }
      }
      expect(parse(...Array.from(text)).frames).toEqual(whole);
    });
  });

  describe('fields', () => {
    it('should skip comment lines', () => {
      const { frames } = parse(': ping\n\nevent: data\n: inside a frame\ndata: 1\n\n:\n\n');
      expect(frames).toEqual([{ event: 'data', data: '1', raw: 'event: data\ndata: 1' }]);
    });

    it('should drop keep-alive blank lines between frames', () => {
      const { frames } = parse('\n\n\r\n\r\rdata: 1\n\n\n\n\ndata: 2\n\n');
      expect(eventsAndData(frames)).toEqual([
        { event: 'message', data: '1' },
        { event: 'message', data: '2' },
      ]);
    });

    it('should ignore id:, retry: and unknown fields', () => {
      const { frames } = parse('id: 7\nretry: 1000\nevent: data\nfoo: bar\ndata: x\n\nid: 8\n\nretry: 5\n\n');
      expect(eventsAndData(frames)).toEqual([{ event: 'data', data: 'x' }]);
    });

    it('should join multi-line data with \\n, keeping empty data lines', () => {
      const { frames } = parse('data: a\ndata: b\ndata:\ndata: c\n\n');
      expect(frames).toEqual([{ event: 'message', data: 'a\nb\n\nc', raw: 'data: a\ndata: b\ndata:\ndata: c' }]);
    });

    it('should read a field without a colon as that field with an empty value', () => {
      const { frames } = parse('data\ndata: x\ndata\n\n');
      expect(eventsAndData(frames)).toEqual([{ event: 'message', data: '\nx\n' }]);
    });

    it('should strip one leading space from a value, and only one', () => {
      const { frames } = parse('event:  spaced\ndata:  two\ndata:none\ndata: \tone\n\n');
      expect(eventsAndData(frames)).toEqual([{ event: ' spaced', data: ' two\nnone\n\tone' }]);
    });

    it('should keep colons after the first one in the value', () => {
      const { frames } = parse('data: {"a":"b: c"}\n\n');
      expect(frames[0]?.data).toBe('{"a":"b: c"}');
    });

    it('should use the last event field of a frame and reset it for the next frame', () => {
      const { frames } = parse('event: first\nevent: second\ndata: 1\n\ndata: 2\n\n');
      expect(eventsAndData(frames)).toEqual([
        { event: 'second', data: '1' },
        { event: 'message', data: '2' },
      ]);
    });

    it('should emit a frame that has an event but no data', () => {
      expect(parse('event: end\n\n').frames).toEqual([{ event: 'end', data: '', raw: 'event: end' }]);
    });

    it('should read an empty event field as the default "message" type', () => {
      const { frames } = parse('event:\ndata: x\n\nevent\ndata: y\n\nevent:\n\n');
      expect(eventsAndData(frames)).toEqual([
        { event: 'message', data: 'x' },
        { event: 'message', data: 'y' },
      ]);
    });

    it('should not return a frame until its blank line arrives', () => {
      const parser = new SseFrameParser();
      expect(parser.push('event: data\ndata: 1\n')).toEqual([]);
      expect(parser.push('\n')).toEqual([{ event: 'data', data: '1', raw: 'event: data\ndata: 1' }]);
    });
  });

  describe('hasPartialFrame', () => {
    it('should be false before anything is pushed', () => {
      expect(new SseFrameParser().hasPartialFrame).toBe(false);
    });

    it('should be true inside an unfinished line', () => {
      expect(parse('event: da').parser.hasPartialFrame).toBe(true);
    });

    it('should be true after complete lines of a frame without its blank line', () => {
      expect(parse('event: data\ndata: 1\n').parser.hasPartialFrame).toBe(true);
      expect(parse('event: data\r').parser.hasPartialFrame).toBe(true);
    });

    it('should be false once a frame is complete', () => {
      const { frames, parser } = parse('event: data\ndata: 1\n\n');
      expect(frames).toHaveLength(1);
      expect(parser.hasPartialFrame).toBe(false);
    });

    it('should be false after comments and keep-alives only', () => {
      expect(parse(': ping\n\n\n: pong\n').parser.hasPartialFrame).toBe(false);
    });

    it('should be true while a comment line is still unfinished', () => {
      expect(parse(': pi').parser.hasPartialFrame).toBe(true);
    });
  });
});
