import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage } from 'rxchain';
import { messagesToOpenAI, toolChoiceToOpenAI } from '../../../lib/models/openai/messagesToOpenAI.js';

describe('messagesToOpenAI', () => {
  it('should map each role, keeping names', () => {
    expect(
      messagesToOpenAI([
        new SystemMessage('Be brief.'),
        new HumanMessage({ content: 'Hi', name: 'ada' }),
        new AIMessage({ content: 'Hello', name: 'bot' }),
        new ToolMessage({ content: '42', tool_call_id: 'c1' }),
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi', name: 'ada' },
      { role: 'assistant', content: 'Hello', name: 'bot' },
      { role: 'tool', content: '42', tool_call_id: 'c1' },
    ]);
  });

  it('should pass content parts through as copies', () => {
    const parts = [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
    ] as const;
    const [user] = messagesToOpenAI([new HumanMessage({ content: parts })]);
    expect(user).toEqual({ role: 'user', content: parts });
    expect((user?.content as unknown[])[0]).not.toBe(parts[0]);
  });

  it('should send tool calls with JSON arguments, and text beside them when there is some', () => {
    const [withText] = messagesToOpenAI([
      new AIMessage({ content: 'Let me look.', tool_calls: [{ name: 'search', args: { q: 'rxjs' }, id: 'c1' }] }),
    ]);
    expect(withText).toEqual({
      role: 'assistant',
      content: 'Let me look.',
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search', arguments: '{"q":"rxjs"}' } }],
    });
  });

  it('should send the calls of a streamed reply, unparsable ones with their raw arguments', () => {
    const reply = new AIMessageChunk({
      content: '',
      tool_call_chunks: [
        { name: 'add', args: '{"a":1}', id: 'c1', index: 0 },
        { name: 'add', args: '{"a":', id: 'c2', index: 1 },
      ],
    });
    expect(messagesToOpenAI([reply])).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'add', arguments: '{"a":1}' } },
          { id: 'c2', type: 'function', function: { name: 'add', arguments: '{"a":' } },
        ],
      },
    ]);
  });
});

describe('toolChoiceToOpenAI', () => {
  it('should keep the modes and turn a name into a forced function', () => {
    expect(['auto', 'none', 'required'].map(toolChoiceToOpenAI)).toEqual(['auto', 'none', 'required']);
    expect(toolChoiceToOpenAI('add')).toEqual({ type: 'function', function: { name: 'add' } });
  });
});
