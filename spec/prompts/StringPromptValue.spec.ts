import { HumanMessage, StringPromptValue } from 'rxchain';

describe('StringPromptValue', () => {
  it('should keep the text as value and toString', () => {
    const value = new StringPromptValue('Hi there');
    expect(value.value).toBe('Hi there');
    expect(value.toString()).toBe('Hi there');
    expect(`${value}`).toBe('Hi there');
  });

  it('should give the text as one human message', () => {
    const messages = new StringPromptValue('Hi').toChatMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toBeInstanceOf(HumanMessage);
    expect(messages[0]?.content).toBe('Hi');
  });

  it('should serialize with a type field', () => {
    expect(JSON.parse(JSON.stringify(new StringPromptValue('Hi')))).toEqual({ type: 'StringPromptValue', value: 'Hi' });
  });
});
