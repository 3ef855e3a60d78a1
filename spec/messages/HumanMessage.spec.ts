import { BaseMessage, HumanMessage } from 'rxchain';

describe('HumanMessage', () => {
  it('should have the type human', () => {
    expect(new HumanMessage('Hi').type).toBe('human');
  });

  it('should be a BaseMessage with the given content and name', () => {
    const message = new HumanMessage({ content: 'Hi', name: 'ann' });
    expect(message).toBeInstanceOf(BaseMessage);
    expect(message.text).toBe('Hi');
    expect(message.name).toBe('ann');
  });

  it('should serialize with the type human', () => {
    expect(new HumanMessage('Hi').toJSON()).toEqual({ type: 'human', content: 'Hi' });
  });
});
