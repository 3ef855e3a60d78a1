import { AIMessage, getBufferString, HumanMessage, SystemMessage, ToolMessage } from 'rxchain';

describe('getBufferString', () => {
  it('should write one line per message with its role', () => {
    const text = getBufferString([
      new SystemMessage('Be brief.'),
      new HumanMessage('Hi'),
      new AIMessage('Hello'),
      new ToolMessage({ content: '42', tool_call_id: 'c' }),
    ]);
    expect(text).toBe('System: Be brief.\nHuman: Hi\nAI: Hello\nTool: 42');
  });

  it('should use the given prefixes and put the name first', () => {
    const text = getBufferString(
      [new HumanMessage({ content: 'Hi', name: 'ann' }), new AIMessage('Yo')],
      'User',
      'Bot',
    );
    expect(text).toBe('User: ann, Hi\nBot: Yo');
  });

  it('should append tool calls as JSON and show non-text parts as placeholders', () => {
    const call = { name: 'add', args: { a: 1 }, id: 'c1' };
    const text = getBufferString([
      new AIMessage({ content: 'Let me add.', tool_calls: [call] }),
      new HumanMessage([{ type: 'text', text: 'See ' }, { type: 'image_url', image_url: 'x' }, { type: 'thing' }]),
    ]);
    expect(text).toBe(`AI: Let me add.${JSON.stringify([call])}\nHuman: See [image][thing]`);
  });

  it('should give an empty text for no messages', () => {
    expect(getBufferString([])).toBe('');
  });
});
