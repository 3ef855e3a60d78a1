import { BaseMessage, SystemMessage } from 'rxchain';

describe('SystemMessage', () => {
  it('should have the type system', () => {
    expect(new SystemMessage('Be brief.').type).toBe('system');
  });

  it('should be a BaseMessage with the given content', () => {
    const message = new SystemMessage({ content: 'Be brief.', id: 's-1' });
    expect(message).toBeInstanceOf(BaseMessage);
    expect(message.text).toBe('Be brief.');
    expect(message.id).toBe('s-1');
  });

  it('should serialize with the type system', () => {
    expect(new SystemMessage('Be brief.').toJSON()).toEqual({ type: 'system', content: 'Be brief.' });
  });
});
