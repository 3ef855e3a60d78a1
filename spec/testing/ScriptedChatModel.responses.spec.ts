import fc from 'fast-check';
import { AIMessage, AIMessageChunk, InvalidArgumentError } from 'rxchain';
import { ScriptedChatModel, splitText, type TokenSplit } from 'rxchain/testing';
import { texts } from './ScriptedChatModel.helpers';

describe('splitText', () => {
  it('should cut per word with the spaces leading each word', () => {
    expect(splitText('Hello there, world!', 'word')).toEqual(['Hello', ' there,', ' world!']);
  });

  it('should keep leading, inner and trailing whitespace', () => {
    expect(splitText('  a\nb  ', 'word')).toEqual(['  a', '\nb', '  ']);
    expect(splitText('   ', 'word')).toEqual(['   ']);
  });

  it('should cut per character, keeping astral characters whole', () => {
    expect(splitText('a😀b', 'char')).toEqual(['a', '😀', 'b']);
  });

  it('should not cut at all with none', () => {
    expect(splitText('a b c', 'none')).toEqual(['a b c']);
  });

  it('should give no tokens for the empty string', () => {
    expect(splitText('', 'word')).toEqual([]);
    expect(splitText('', 'char')).toEqual([]);
    expect(splitText('', 'none')).toEqual([]);
  });

  it('should give tokens that join back into the text, none of them empty', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom<TokenSplit>('word', 'char', 'none'), (text, split) => {
        const tokens = splitText(text, split);
        expect(tokens.join('')).toBe(text);
        expect(tokens.every((t) => t.length > 0)).toBe(true);
      }),
    );
  });
});

describe('ScriptedChatModel', () => {
  it('should be a chat model named ScriptedChatModel unless named otherwise', () => {
    expect(new ScriptedChatModel({ responses: ['x'] }).runType).toBe('chat_model');
    expect(new ScriptedChatModel({ responses: ['x'] }).getName()).toBe('ScriptedChatModel');
    expect(new ScriptedChatModel({ responses: ['x'], name: 'gpt-fake' }).getName()).toBe('gpt-fake');
  });

  describe('splitting', () => {
    it('should stream a text reply per word by default', async () => {
      expect(await texts(new ScriptedChatModel({ responses: ['Hello there!'] }))).toEqual(['Hello', ' there!']);
    });

    it('should stream per character', async () => {
      expect(await texts(new ScriptedChatModel({ responses: ['abc'], split: 'char' }))).toEqual(['a', 'b', 'c']);
    });

    it('should stream the whole reply as one chunk with none', async () => {
      expect(await texts(new ScriptedChatModel({ responses: ['a b c'], split: 'none' }))).toEqual(['a b c']);
    });

    it('should stream given tokens as they are', async () => {
      expect(await texts(new ScriptedChatModel({ responses: [{ tokens: ['He', 'llo', ' wo', 'rld'] }] }))).toEqual([
        'He',
        'llo',
        ' wo',
        'rld',
      ]);
    });

    it('should stream one empty chunk for an empty reply, so invoke still returns a message', async () => {
      const model = new ScriptedChatModel({ responses: [''] });
      expect(await texts(model)).toEqual(['']);
      const reply = await model.invoke('again');
      expect(reply).toBeInstanceOf(AIMessageChunk);
      expect(reply.content).toBe('');
    });
  });

  describe('invoke', () => {
    it('should return the aggregate of the chunks as one AIMessageChunk', async () => {
      const reply = await new ScriptedChatModel({ responses: ['Hello there, world'] }).invoke('Hi');
      expect(reply).toBeInstanceOf(AIMessageChunk);
      expect(reply.content).toBe('Hello there, world');
      expect(reply.id).toBe('scripted-1');
    });

    it('should give every chunk of a call the id of that call', async () => {
      const model = new ScriptedChatModel({ responses: ['a b', 'c d'] });
      const ids: (string | undefined)[][] = [];
      for (const input of ['1', '2']) {
        const seen: (string | undefined)[] = [];
        for await (const chunk of await model.stream(input)) seen.push(chunk.id);
        ids.push(seen);
      }
      expect(ids).toEqual([
        ['scripted-1', 'scripted-1'],
        ['scripted-2', 'scripted-2'],
      ]);
    });

    it('should cycle through the responses call after call', async () => {
      const model = new ScriptedChatModel({ responses: ['one', 'two'] });
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push((await model.invoke('x')).content);
      expect(replies).toEqual(['one', 'two', 'one']);
    });

    it('should take responses from a function of the conversation and call index', async () => {
      const model = new ScriptedChatModel({
        responses: (messages, index) => `#${index}: ${messages[messages.length - 1]?.text ?? ''}`,
      });
      expect((await model.invoke('ping')).content).toBe('#0: ping');
      expect((await model.invoke('pong')).content).toBe('#1: pong');
    });

    it('should reject when there are no responses, saying how to fix it', async () => {
      await expect(new ScriptedChatModel({ responses: [] }).invoke('x')).rejects.toThrow(
        /pass at least one in \{ responses \}/,
      );
    });

    it('should reject input that is not messages on the error channel', async () => {
      const model = new ScriptedChatModel({ responses: ['x'] });
      await expect(model.invoke(undefined as never)).rejects.toThrow(InvalidArgumentError);
      await expect(model.invoke({ nope: true } as never)).rejects.toThrow(InvalidArgumentError);
      expect(model.calls).toHaveLength(0);
    });
  });

  describe('scripted messages', () => {
    it('should stream the tool calls of an AIMessage as tool-call chunks that aggregate into tool calls', async () => {
      const model = new ScriptedChatModel({
        responses: [
          new AIMessage({
            content: 'Let me check.',
            tool_calls: [
              { name: 'search', args: { q: 'cats' }, id: 'call_1' },
              { name: 'add', args: { a: 1, b: 2 }, id: 'call_2' },
            ],
          }),
        ],
      });
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await model.stream('x')) chunks.push(chunk);
      expect(chunks.map((c) => c.text)).toEqual(['Let', ' me', ' check.', '']);
      expect(chunks[3]?.tool_call_chunks).toEqual([
        { name: 'search', args: '{"q":"cats"}', id: 'call_1', index: 0, type: 'tool_call_chunk' },
        { name: 'add', args: '{"a":1,"b":2}', id: 'call_2', index: 1, type: 'tool_call_chunk' },
      ]);

      const reply = await model.invoke('x');
      expect(reply.content).toBe('Let me check.');
      expect(reply.tool_calls).toEqual([
        { name: 'search', args: { q: 'cats' }, id: 'call_1', type: 'tool_call' },
        { name: 'add', args: { a: 1, b: 2 }, id: 'call_2', type: 'tool_call' },
      ]);
      expect(reply.invalid_tool_calls).toEqual([]);
    });

    it('should stream a tool call with no text as a single chunk', async () => {
      const model = new ScriptedChatModel({
        responses: [new AIMessage({ content: '', tool_calls: [{ name: 'now', args: {}, id: 'c' }] })],
      });
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await model.stream('x')) chunks.push(chunk);
      expect(chunks).toHaveLength(1);
      expect(chunks[0]?.tool_calls).toEqual([{ name: 'now', args: {}, id: 'c', type: 'tool_call' }]);
    });

    it('should keep the id, usage and metadata of a scripted AIMessage', async () => {
      const usage = { input_tokens: 4, output_tokens: 2, total_tokens: 6 };
      const model = new ScriptedChatModel({
        responses: [
          new AIMessage({
            content: 'Hi there',
            id: 'msg-7',
            usage_metadata: usage,
            response_metadata: { finish_reason: 'stop' },
            additional_kwargs: { refusal: null },
          }),
        ],
      });
      const reply = await model.invoke('x');
      expect(reply.content).toBe('Hi there');
      expect(reply.id).toBe('msg-7');
      expect(reply.usage_metadata).toEqual(usage);
      expect(reply.response_metadata).toEqual({ finish_reason: 'stop' });
    });

    it('should stream given AIMessageChunk tokens, giving them the call id when they have none', async () => {
      const model = new ScriptedChatModel({
        responses: [
          {
            tokens: [
              'Hi',
              new AIMessageChunk({
                content: '',
                usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
              }),
              new AIMessageChunk({ content: '!', id: 'own' }),
            ],
          },
        ],
      });
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await model.stream('x')) chunks.push(chunk);
      expect(chunks.map((c) => c.id)).toEqual(['scripted-1', 'scripted-1', 'own']);
      expect(chunks[1]?.usage_metadata).toEqual({ input_tokens: 1, output_tokens: 1, total_tokens: 2 });
    });
  });
});
