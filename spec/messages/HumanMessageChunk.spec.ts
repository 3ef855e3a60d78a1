import { concat, HumanMessage, HumanMessageChunk } from 'rxchain';

describe('HumanMessageChunk', () => {
  it('should be a HumanMessage of type human', () => {
    const chunk = new HumanMessageChunk('Hi');
    expect(chunk).toBeInstanceOf(HumanMessage);
    expect(chunk.type).toBe('human');
  });

  it('should join contents, keep the first id and name, and merge metadata', () => {
    const a = new HumanMessageChunk({ content: 'Hel', name: 'ann', additional_kwargs: { a: 1 } });
    const b = new HumanMessageChunk({ content: 'lo', id: 'h1', additional_kwargs: { b: 2 } });
    const whole = a.concat(b);
    expect(whole).toBeInstanceOf(HumanMessageChunk);
    expect([whole.content, whole.id, whole.name, whole.additional_kwargs]).toEqual([
      'Hello',
      'h1',
      'ann',
      { a: 1, b: 2 },
    ]);
    expect([a.content, b.content]).toEqual(['Hel', 'lo']);
  });

  it('should join part lists, merging adjacent text parts', () => {
    const a = new HumanMessageChunk([{ type: 'text', text: 'look ' }]);
    const b = new HumanMessageChunk([
      { type: 'text', text: 'here' },
      { type: 'image_url', url: 'x' },
    ]);
    expect(a.concat(b).content).toEqual([
      { type: 'text', text: 'look here' },
      { type: 'image_url', url: 'x' },
    ]);
  });

  it('should add up with the library concat', () => {
    expect(concat(new HumanMessageChunk('a'), new HumanMessageChunk('b')).content).toBe('ab');
  });
});
