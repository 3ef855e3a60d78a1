import fc from 'fast-check';
import { map, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  AIMessage,
  AIMessageChunk,
  ChatPromptTemplate,
  InvalidArgumentError,
  SystemMessage,
  type BaseMessage,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler, splitText, type TokenSplit } from 'rxchain/testing';

const texts = async (model: ScriptedChatModel, input = 'Hi'): Promise<string[]> => {
  const seen: string[] = [];
  for await (const chunk of await model.stream(input)) seen.push(chunk.text);
  return seen;
};

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

  describe('calls', () => {
    it('should record the conversation of every call with its index', async () => {
      const model = new ScriptedChatModel({ responses: ['ok'] });
      await model.invoke('first');
      await model.invoke([
        ['system', 'Be brief.'],
        ['human', 'second'],
      ]);
      expect(model.calls.map((call) => call.index)).toEqual([0, 1]);
      expect(model.calls.map((call) => call.messages.map((m: BaseMessage) => [m.type, m.text]))).toEqual([
        [['human', 'first']],
        [
          ['system', 'Be brief.'],
          ['human', 'second'],
        ],
      ]);
    });

    it('should record the messages of a prompt it is piped from', async () => {
      const model = new ScriptedChatModel({ responses: ['ok'] });
      const chain = ChatPromptTemplate.fromMessages([
        ['system', 'You are {style}.'],
        ['human', '{q}'],
      ]).pipe(model);
      await chain.invoke({ style: 'terse', q: 'why?' });
      expect(model.calls[0]?.messages[0]).toBeInstanceOf(SystemMessage);
      expect(model.calls[0]?.messages.map((m) => m.text)).toEqual(['You are terse.', 'why?']);
    });

    it('should record nothing until subscribed', () => {
      const model = new ScriptedChatModel({ responses: ['ok'] });
      const reply$ = model.stream$('x');
      expect(model.calls).toHaveLength(0);
      reply$.subscribe();
      expect(model.calls).toHaveLength(1);
    });
  });

  describe('timing', () => {
    it('should emit tokens synchronously without a delay', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c'] });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('(abc|)', { a: 'a', b: ' b', c: ' c' });
      });
    });

    it('should space tokens by delay on the given scheduler', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c'], delay: 10, scheduler });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('10ms a 9ms b 9ms (c|)', {
          a: 'a',
          b: ' b',
          c: ' c',
        });
      });
    });

    it('should space tokens on the default scheduler, virtualised inside TestScheduler.run', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['ab'], split: 'char', delay: 5 });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('5ms a 4ms (b|)', { a: 'a', b: 'b' });
      });
    });

    it('should stop emitting when unsubscribed early', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c'], delay: 10 });
        expectObservable(model.stream$('x').pipe(map((c) => c.text)), '^ 15ms !').toBe('10ms a', { a: 'a' });
      });
    });

    it('should stream an Observable response on its own frames', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const response$ = cold<string | AIMessageChunk>('-a--b-|', { a: 'Hel', b: new AIMessageChunk('lo') });
        const model = new ScriptedChatModel({ responses: [response$] });
        expectObservable(model.stream$('x').pipe(map((c) => [c.text, c.id]))).toBe('-a--b-|', {
          a: ['Hel', 'scripted-1'],
          b: ['lo', 'scripted-1'],
        });
        expectSubscriptions(response$.subscriptions).toBe('^-----!');
      });
    });

    it('should unsubscribe from an Observable response when unsubscribed early', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const response$ = cold<string>('-a--b-|', { a: 'x', b: 'y' });
        const model = new ScriptedChatModel({ responses: [response$] });
        expectObservable(model.stream$('x').pipe(map((c) => c.text)), '^--!').toBe('-a-', { a: 'x' });
        expectSubscriptions(response$.subscriptions).toBe('^--!');
      });
    });

    it('should stop a synchronous reply cut by take', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c d'] });
        expectObservable(
          model.stream$('x').pipe(
            take(2),
            map((c) => c.text),
          ),
        ).toBe('(ab|)', { a: 'a', b: ' b' });
      });
    });

    it('should pass on the error of an Observable response', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const model = new ScriptedChatModel({
          responses: [cold<string>('-a-#', { a: 'x' }, new Error('socket closed'))],
        });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe(
          '-a-#',
          { a: 'x' },
          new Error('socket closed'),
        );
      });
    });
  });

  describe('failAt', () => {
    it('should deliver the tokens before the failing one, then error', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c d'], delay: 10, failAt: { token: 3 } });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe(
          '10ms a 9ms b 9ms #',
          { a: 'a', b: ' b' },
          new Error('Scripted failure at token 3.'),
        );
      });
    });

    it('should error before any token at token 1', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b'], failAt: { token: 1 } });
        expectObservable(model.stream$('x')).toBe('#', undefined, new Error('Scripted failure at token 1.'));
      });
    });

    it('should fail with the given error, rejecting invoke', async () => {
      const failure = new Error('rate limited');
      const model = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 2, error: failure } });
      await expect(model.invoke('x')).rejects.toBe(failure);
    });

    it('should fail only on the given call', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 2, call: 1 } });
      await expect(model.invoke('x')).resolves.toMatchObject({ content: 'a b c' });
      await expect(model.invoke('x')).rejects.toThrow('Scripted failure at token 2.');
      await expect(model.invoke('x')).resolves.toMatchObject({ content: 'a b c' });
    });

    it('should fail every retry afresh, counting tokens per call', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'], failAt: { token: 3 } });
      for (let i = 0; i < 2; i++) {
        const seen: string[] = [];
        const error = await new Promise<unknown>((resolve) => {
          model
            .stream$('x')
            .subscribe({ next: (c) => seen.push(c.text), error: resolve, complete: () => resolve(undefined) });
        });
        expect(seen).toEqual(['a', ' b']);
        expect(error).toEqual(new Error('Scripted failure at token 3.'));
      }
    });

    it('should not fail a reply that has fewer tokens than the failing one', async () => {
      const model = new ScriptedChatModel({ responses: ['a b'], failAt: { token: 3 } });
      expect((await model.invoke('x')).content).toBe('a b');
    });

    it('should work with the TestScheduler instance passed directly', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ expectObservable }) => {
        const model = new ScriptedChatModel({ responses: ['a b c'], delay: 2, scheduler, failAt: { token: 2 } });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe(
          '2ms a 1ms #',
          { a: 'a' },
          new Error('Scripted failure at token 2.'),
        );
      });
    });
  });
});
