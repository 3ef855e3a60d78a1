import {
  AIMessage,
  ChatMessage,
  HumanMessage,
  HumanMessageChunk,
  mergeMessageRuns,
  SystemMessage,
  SystemMessageChunk,
  ToolMessage,
} from 'rxchain';

describe('mergeMessageRuns', () => {
  it('should merge consecutive messages of one type, joining texts with a newline', () => {
    const merged = mergeMessageRuns([
      new SystemMessage('a'),
      new SystemMessage('b'),
      new HumanMessage('c'),
      new HumanMessage({ content: 'd', id: 'h2' }),
      new AIMessage('e'),
    ]);
    expect(merged.map((m) => [m.type, m.content, m.id])).toEqual([
      ['system', 'a\nb', undefined],
      ['human', 'c\nd', 'h2'],
      ['ai', 'e', undefined],
    ]);
    expect(merged[1]).toBeInstanceOf(HumanMessage);
  });

  it('should add up tool calls and usage of merged model messages', () => {
    const a = new AIMessage({
      content: '',
      tool_calls: [{ name: 'x', args: {}, id: '1' }],
      usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
    });
    const b = new AIMessage({
      content: '',
      tool_calls: [{ name: 'y', args: {}, id: '2' }],
      usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
    });
    const [merged] = mergeMessageRuns([a, b]) as [AIMessage];
    expect(merged.tool_calls.map((c) => c.name)).toEqual(['x', 'y']);
    expect(merged.usage_metadata).toEqual({ input_tokens: 2, output_tokens: 3, total_tokens: 5 });
  });

  it('should join part lists as parts', () => {
    const [merged] = mergeMessageRuns([
      new HumanMessage([{ type: 'image_url', url: 'x' }]),
      new HumanMessage('caption'),
    ]);
    expect(merged?.content).toEqual([
      { type: 'image_url', url: 'x' },
      { type: 'text', text: 'caption' },
    ]);
  });

  it('should never merge tool messages and never change its input', () => {
    const input = [
      new ToolMessage({ content: '1', tool_call_id: 'a' }),
      new ToolMessage({ content: '2', tool_call_id: 'b' }),
      new HumanMessage('x'),
      new HumanMessage('y'),
    ];
    const merged = mergeMessageRuns(input);
    expect(merged.map((m) => m.content)).toEqual(['1', '2', 'x\ny']);
    expect(input.map((m) => m.content)).toEqual(['1', '2', 'x', 'y']);
    expect(mergeMessageRuns([])).toEqual([]);
  });

  it('should merge chat messages of one role, and keep different roles apart', () => {
    const merged = mergeMessageRuns([
      new ChatMessage('a', 'critic'),
      new ChatMessage('b', 'critic'),
      new ChatMessage('c', 'editor'),
    ]);
    expect(merged.map((m) => [m.constructor.name, (m as ChatMessage).role, m.content])).toEqual([
      ['ChatMessage', 'critic', 'a\nb'],
      ['ChatMessage', 'editor', 'c'],
    ]);
  });

  it('should merge chunks with messages of their type into messages', () => {
    const merged = mergeMessageRuns([
      new HumanMessageChunk('a'),
      new HumanMessage('b'),
      new SystemMessageChunk('s'),
      new SystemMessageChunk('t'),
    ]);
    expect(merged.map((m) => [m.constructor.name, m.content])).toEqual([
      ['HumanMessage', 'a\nb'],
      ['SystemMessage', 's\nt'],
    ]);
  });

  it('should be a runnable when called without messages', async () => {
    const merged = await mergeMessageRuns().invoke([new HumanMessage('a'), new HumanMessage('b')]);
    expect(merged.map((m) => m.text)).toEqual(['a\nb']);
  });
});
