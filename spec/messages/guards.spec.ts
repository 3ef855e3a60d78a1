import {
  AIMessage,
  AIMessageChunk,
  ChatMessage,
  ChatMessageChunk,
  isChatMessage,
  isChatMessageChunk,
  HumanMessage,
  HumanMessageChunk,
  isAIMessage,
  isAIMessageChunk,
  isBaseMessage,
  isBaseMessageChunk,
  isHumanMessage,
  isHumanMessageChunk,
  isSystemMessage,
  isToolMessage,
  SystemMessage,
  SystemMessageChunk,
  ToolMessage,
  ToolMessageChunk,
} from 'rxchain';

const samples = {
  ai: new AIMessage('a'),
  aiChunk: new AIMessageChunk('a'),
  human: new HumanMessage('h'),
  humanChunk: new HumanMessageChunk('h'),
  system: new SystemMessage('s'),
  systemChunk: new SystemMessageChunk('s'),
  tool: new ToolMessage({ content: 't', tool_call_id: 'c' }),
  toolChunk: new ToolMessageChunk({ content: 't', tool_call_id: 'c' }),
  plain: { type: 'human', content: 'h' },
  text: 'h',
  nothing: null,
};

const which = (guard: (value: unknown) => boolean): string[] =>
  Object.entries(samples)
    .filter(([, value]) => guard(value))
    .map(([key]) => key);

describe('message guards', () => {
  it('should tell messages from look-alikes', () => {
    expect(which(isBaseMessage)).toEqual([
      'ai',
      'aiChunk',
      'human',
      'humanChunk',
      'system',
      'systemChunk',
      'tool',
      'toolChunk',
    ]);
  });

  it('should tell chunks from whole messages', () => {
    expect(which(isBaseMessageChunk)).toEqual(['aiChunk', 'humanChunk', 'systemChunk', 'toolChunk']);
    expect(which(isAIMessageChunk)).toEqual(['aiChunk']);
    expect(which(isHumanMessageChunk)).toEqual(['humanChunk']);
  });

  it('should match a role with or without chunks', () => {
    expect(which(isAIMessage)).toEqual(['ai', 'aiChunk']);
    expect(which(isHumanMessage)).toEqual(['human', 'humanChunk']);
    expect(which(isSystemMessage)).toEqual(['system', 'systemChunk']);
    expect(which(isToolMessage)).toEqual(['tool', 'toolChunk']);
  });

  it('should tell messages with a free-form role, and their chunks', () => {
    const chat = new ChatMessage({ content: 'c', role: 'critic' });
    const chatChunk = new ChatMessageChunk({ content: 'c', role: 'critic' });
    expect([chat, chatChunk, samples.human, samples.plain].map(isChatMessage)).toEqual([true, true, false, false]);
    expect([chat, chatChunk, samples.humanChunk].map(isChatMessageChunk)).toEqual([false, true, false]);
    expect(isBaseMessage(chat) && isBaseMessageChunk(chatChunk)).toBe(true);
  });
});
