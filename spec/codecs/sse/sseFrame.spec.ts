import { SseFrameParser } from '../../../lib/codecs/sse/SseFrameParser.js';
import { sseComment, sseFrame } from '../../../lib/codecs/sse/sseFrame.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('sseFrame', () => {
  it('should write an event line, a data line and a blank line', () => {
    expect(text(sseFrame('data', '{"a":1}'))).toBe('event: data\ndata: {"a":1}\n\n');
  });

  it('should write a frame without data as an event line and a blank line', () => {
    expect(text(sseFrame('end'))).toBe('event: end\n\n');
  });

  it('should split data with line breaks into data lines, so that no value can forge a frame', () => {
    const forged = 'x\n\nevent: end\r\ny';
    const frame = text(sseFrame('data', forged));
    expect(frame).toBe('event: data\ndata: x\ndata: \ndata: event: end\ndata: y\n\n');
    const frames = new SseFrameParser().push(frame);
    expect(frames.map((f) => [f.event, f.data])).toEqual([['data', 'x\n\nevent: end\ny']]);
  });

  it('should write a comment that readers skip', () => {
    expect(text(sseComment('ping'))).toBe(': ping\n\n');
    expect(new SseFrameParser().push(text(sseComment('ping')))).toEqual([]);
  });
});
