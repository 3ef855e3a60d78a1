import { AIMessage, ChatPromptValue, HumanMessage, SystemMessage, ToolMessage } from 'rxchain';

describe('ChatPromptValue', () => {
  const messages = [
    new SystemMessage('Be brief.'),
    new HumanMessage('Hi'),
    new AIMessage('Hello'),
    new ToolMessage({ content: '42', tool_call_id: 'c1' }),
  ];

  it('should print one "Role: text" line per message', () => {
    expect(new ChatPromptValue(messages).toString()).toBe('System: Be brief.\nHuman: Hi\nAI: Hello\nTool: 42');
  });

  it('should print nothing for no messages', () => {
    expect(new ChatPromptValue([]).toString()).toBe('');
  });

  it('should return a copy of its messages', () => {
    const value = new ChatPromptValue(messages);
    const copy = value.toChatMessages();
    expect(copy).toEqual(messages);
    expect(copy).not.toBe(value.messages);
    copy.pop();
    expect(value.messages).toHaveLength(4);
  });

  it('should serialize its messages with a type field', () => {
    expect(JSON.parse(JSON.stringify(new ChatPromptValue([new HumanMessage('Hi')])))).toEqual({
      type: 'ChatPromptValue',
      messages: [{ type: 'human', content: 'Hi' }],
    });
  });
});
