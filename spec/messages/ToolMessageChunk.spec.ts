import { concat, ToolMessage, ToolMessageChunk } from 'rxchain';

describe('ToolMessageChunk', () => {
  it('should be a ToolMessage whose pieces join, keeping the first tool call id', () => {
    const a = new ToolMessageChunk({ content: '4', tool_call_id: 'call_1' });
    const whole = a.concat(new ToolMessageChunk({ content: '2', tool_call_id: 'call_2', id: 't1' }));
    expect(whole).toBeInstanceOf(ToolMessage);
    expect([whole.type, whole.content, whole.tool_call_id, whole.id]).toEqual(['tool', '42', 'call_1', 't1']);
  });

  it('should fail the whole if either piece failed', () => {
    const ok = new ToolMessageChunk({ content: 'a', tool_call_id: 'c' });
    const failed = new ToolMessageChunk({ content: 'b', tool_call_id: 'c', status: 'error' });
    expect(ok.concat(failed).status).toBe('error');
    expect(failed.concat(ok).status).toBe('error');
    expect(ok.concat(ok).status).toBe('success');
  });

  it('should add artifacts up: strings and arrays join, objects merge, one missing keeps the other', () => {
    const piece = (artifact: unknown): ToolMessageChunk =>
      new ToolMessageChunk({ content: '', tool_call_id: 'c', artifact });
    expect(piece('a').concat(piece('b')).artifact).toBe('ab');
    expect(piece([1]).concat(piece([2])).artifact).toEqual([1, 2]);
    expect(piece({ a: 1 }).concat(piece({ b: 2 })).artifact).toEqual({ a: 1, b: 2 });
    expect(piece(undefined).concat(piece(3)).artifact).toBe(3);
    expect(piece(3).concat(piece(undefined)).artifact).toBe(3);
    expect(piece(1).concat(piece('x')).artifact).toBe('x');
  });

  it('should add up with the library concat', () => {
    const a = new ToolMessageChunk({ content: 'x', tool_call_id: 'c' });
    expect(concat(a, new ToolMessageChunk({ content: 'y', tool_call_id: 'c' })).content).toBe('xy');
  });
});
