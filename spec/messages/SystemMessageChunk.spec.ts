import { concat, SystemMessage, SystemMessageChunk } from 'rxchain';

describe('SystemMessageChunk', () => {
  it('should be a SystemMessage whose pieces join', () => {
    const whole = new SystemMessageChunk('Be ').concat(new SystemMessageChunk({ content: 'brief.', id: 's1' }));
    expect(whole).toBeInstanceOf(SystemMessage);
    expect(whole).toBeInstanceOf(SystemMessageChunk);
    expect([whole.type, whole.content, whole.id]).toEqual(['system', 'Be brief.', 's1']);
  });

  it('should add up with the library concat', () => {
    expect(concat(new SystemMessageChunk('a'), new SystemMessageChunk('b')).text).toBe('ab');
  });
});
