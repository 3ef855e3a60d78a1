import { AIMessage, BaseMessage, type ToolCall } from 'rxchain';

describe('AIMessage', () => {
  it('should have the type ai', () => {
    const message = new AIMessage('Hello');
    expect(message).toBeInstanceOf(BaseMessage);
    expect(message.type).toBe('ai');
    expect(message.content).toBe('Hello');
  });

  it('should have no tool calls, invalid tool calls or usage by default', () => {
    const message = new AIMessage('Hello');
    expect(message.tool_calls).toEqual([]);
    expect(message.invalid_tool_calls).toEqual([]);
    expect(message.usage_metadata).toBeUndefined();
  });

  it('should keep the tool calls, invalid tool calls and usage it is given', () => {
    const toolCalls: ToolCall[] = [{ name: 'add', args: { a: 1 }, id: 'c1', type: 'tool_call' }];
    const message = new AIMessage({
      content: '',
      tool_calls: toolCalls,
      invalid_tool_calls: [{ name: 'add', args: '{', id: 'c2', error: 'bad json' }],
      usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
    });
    expect(message.tool_calls).toEqual(toolCalls);
    expect(message.invalid_tool_calls).toEqual([{ name: 'add', args: '{', id: 'c2', error: 'bad json' }]);
    expect(message.usage_metadata).toEqual({ input_tokens: 3, output_tokens: 4, total_tokens: 7 });
  });

  describe('toJSON', () => {
    it('should leave out empty tool calls and absent usage', () => {
      expect(new AIMessage('Hi').toJSON()).toEqual({ type: 'ai', content: 'Hi' });
    });

    it('should include tool calls, invalid tool calls and usage', () => {
      const json = new AIMessage({
        content: '',
        id: 'msg-1',
        tool_calls: [{ name: 'add', args: { a: 1 }, id: 'c1' }],
        invalid_tool_calls: [{ name: 'x', args: '{' }],
        usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      }).toJSON();
      expect(json).toEqual({
        type: 'ai',
        content: '',
        id: 'msg-1',
        tool_calls: [{ name: 'add', args: { a: 1 }, id: 'c1' }],
        invalid_tool_calls: [{ name: 'x', args: '{' }],
        usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      });
    });
  });
});
