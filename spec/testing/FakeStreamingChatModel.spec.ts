import { map, take } from 'rxjs';
import { AIMessage, AIMessageChunk, StringOutputParser } from 'rxchain';
import { FakeStreamingChatModel, createTestScheduler } from 'rxchain/testing';

describe('FakeStreamingChatModel', () => {
  it('should be a chat model named FakeStreamingChatModel that sleeps 50 ms by default', () => {
    const model = new FakeStreamingChatModel();
    expect([model.getName(), model.runType, model.sleep]).toEqual(['FakeStreamingChatModel', 'chat_model', 50]);
  });

  it('should echo the first input message without responses', async () => {
    const model = new FakeStreamingChatModel({ sleep: 0 });
    expect(
      (
        await model.invoke([
          ['human', 'first'],
          ['ai', 'second'],
        ])
      ).content,
    ).toBe('first');
  });

  it('should give the first response on every call (no cycling)', async () => {
    const model = new FakeStreamingChatModel({ sleep: 0, responses: [new AIMessage('one'), new AIMessage('two')] });
    const chain = model.pipe(new StringOutputParser());
    expect([await chain.invoke('a'), await chain.invoke('b')]).toEqual(['one', 'one']);
  });

  it('should stream given chunks as they are, tool-call fragments included', async () => {
    const chunks = [
      new AIMessageChunk({ content: '', tool_call_chunks: [{ name: 'add', args: '{"a":', index: 0, id: 'c1' }] }),
      new AIMessageChunk({ content: '', tool_call_chunks: [{ args: '1}', index: 0 }] }),
    ];
    const reply = await new FakeStreamingChatModel({ chunks }).invoke('x');
    expect(reply.tool_calls).toEqual([{ name: 'add', args: { a: 1 }, id: 'c1', type: 'tool_call' }]);
  });

  it('should fail every call with thrownErrorString', async () => {
    await expect(new FakeStreamingChatModel({ thrownErrorString: 'nope' }).invoke('x')).rejects.toThrow('nope');
  });

  describe('stream$ (marbles)', () => {
    it('should emit one character per sleep on the scheduler', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ expectObservable }) => {
        const model = new FakeStreamingChatModel({ sleep: 2, scheduler, responses: [new AIMessage('abc')] });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('2ms a 1ms b 1ms (c|)', {
          a: 'a',
          b: 'b',
          c: 'c',
        });
      });
    });

    it('should stop pacing when the consumer unsubscribes', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ expectObservable }) => {
        const model = new FakeStreamingChatModel({ sleep: 2, scheduler, responses: [new AIMessage('abc')] });
        expectObservable(model.stream$('x').pipe(map((c) => c.text)), '^--!').toBe('--a', { a: 'a' });
      });
    });

    it('should emit synchronously with sleep 0, and stop when cut by take', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new FakeStreamingChatModel({ sleep: 0, responses: [new AIMessage('abc')] });
        expectObservable(
          model.stream$('x').pipe(
            map((c) => c.text),
            take(2),
          ),
        ).toBe('(ab|)', { a: 'a', b: 'b' });
      });
    });

    it('should emit one empty chunk for an empty reply', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new FakeStreamingChatModel({ sleep: 0, responses: [new AIMessage('')] });
        expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('(e|)', { e: '' });
      });
    });

    it('should fail on the error channel', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const model = new FakeStreamingChatModel({ thrownErrorString: 'boom' });
        expectObservable(model.stream$('x')).toBe('#', undefined, new Error('boom'));
      });
    });
  });
});
