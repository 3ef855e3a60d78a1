import { ChatMessage, ChatMessageChunk, ChatPromptValue, concat, HumanMessage } from 'rxchain';

describe('ChatMessage', () => {
  it('should carry its role and have type generic', () => {
    const message = new ChatMessage('Looks good.', 'reviewer');
    expect([message.type, message.getType(), message.role, message.text]).toEqual([
      'generic',
      'generic',
      'reviewer',
      'Looks good.',
    ]);
    const fromFields = new ChatMessage({ content: 'x', role: 'critic', name: 'c1' });
    expect([fromFields.role, fromFields.name]).toEqual(['critic', 'c1']);
  });

  it('should tell itself from other messages with isInstance', () => {
    expect(ChatMessage.isInstance(new ChatMessage('x', 'r'))).toBe(true);
    expect(ChatMessage.isInstance(new HumanMessage('x'))).toBe(false);
    expect(ChatMessage.isInstance('x')).toBe(false);
  });

  it('should serialise its role and show it in a buffer string', () => {
    const message = new ChatMessage('Hi', 'narrator');
    expect(message.toJSON()).toEqual({ type: 'generic', content: 'Hi', role: 'narrator' });
    expect(new ChatPromptValue([new HumanMessage('a'), message]).toString()).toBe('Human: a\nnarrator: Hi');
  });
});

describe('ChatMessageChunk', () => {
  it('should join pieces of one role, text and parts alike, without changing them', () => {
    const a = new ChatMessageChunk({ content: 'Hel', role: 'critic', id: 'm1' });
    const b = new ChatMessageChunk({ content: 'lo', role: 'critic' });
    const whole = a.concat(b);
    expect([whole.text, whole.role, whole.id, a.text]).toEqual(['Hello', 'critic', 'm1', 'Hel']);
    expect(concat(a, b).text).toBe('Hello');
    const parts = a.concat(new ChatMessageChunk({ content: [{ type: 'image_url', url: 'u' }], role: 'critic' }));
    expect(parts.content).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'image_url', url: 'u' },
    ]);
    expect(whole.toJSON().type).toBe('ChatMessageChunk');
  });

  it('should refuse to join pieces of different roles', () => {
    const a = new ChatMessageChunk('x', 'one');
    expect(() => a.concat(new ChatMessageChunk('y', 'two'))).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError' }),
    );
  });
});
