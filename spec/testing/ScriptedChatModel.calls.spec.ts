import { map, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { AIMessageChunk, ChatPromptTemplate, SystemMessage, type BaseMessage } from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

describe('ScriptedChatModel', () => {
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
