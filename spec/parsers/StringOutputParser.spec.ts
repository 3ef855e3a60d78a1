import { take, toArray, lastValueFrom, of } from 'rxjs';
import { AIMessageChunk, HumanMessage, StringOutputParser } from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

class ExplodingMessage extends HumanMessage {
  override get text(): string {
    throw new Error('no text');
  }
}

describe('StringOutputParser', () => {
  const parser = new StringOutputParser();
  const chunks = { a: new AIMessageChunk('He'), b: new AIMessageChunk('llo'), c: new AIMessageChunk('!') };

  it('should be a parser run named StrOutputParser, as LangChain names it', () => {
    expect(parser.runType).toBe('parser');
    expect(parser.getName()).toBe('StrOutputParser');
  });

  describe('invoke', () => {
    it('should return the text of a message chunk', async () => {
      expect(await parser.invoke(new AIMessageChunk('Hello'))).toBe('Hello');
    });

    it('should return a string as it is', async () => {
      expect(await parser.invoke('plain')).toBe('plain');
    });

    it('should join the text parts of a multimodal message', async () => {
      const message = new AIMessageChunk({
        content: [
          { type: 'text', text: 'a' },
          { type: 'image_url', image_url: 'u' },
          { type: 'text', text: 'b' },
        ],
      });
      expect(await parser.invoke(message)).toBe('ab');
    });

    it('should turn a model reply into its whole text after a model in a pipe', async () => {
      const chain = new ScriptedChatModel({ responses: ['Hello there, world'] }).pipe(parser);
      expect(await chain.invoke('Hi')).toBe('Hello there, world');
    });
  });

  describe('stream$', () => {
    it('should emit the text of each chunk on the frame it arrives', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens$ = cold('-a-b-c|', chunks);
        expectObservable(parser.stream$(tokens$)).toBe('-a-b-c|', { a: 'He', b: 'llo', c: '!' });
        expectSubscriptions(tokens$.subscriptions).toBe('^-----!');
      });
    });

    it('should pass strings through on their frames', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens$ = cold<string | AIMessageChunk>('-a--b|', { a: 'x', b: new AIMessageChunk('y') });
        expectObservable(parser.stream$(tokens$)).toBe('-a--b|', { a: 'x', b: 'y' });
      });
    });

    it('should complete without output for an empty source', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(parser.stream$(cold<AIMessageChunk>('---|'))).toBe('---|');
      });
    });

    it('should pass on a source error after the chunks before it', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const tokens$ = cold('-a-#', chunks, new Error('model failed'));
        expectObservable(parser.stream$(tokens$)).toBe('-a-#', { a: 'He' }, new Error('model failed'));
      });
    });

    it('should error, not throw, when reading a chunk fails', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens$ = cold('-a-b-|', { a: new AIMessageChunk('ok'), b: new ExplodingMessage('x') });
        expectObservable(parser.stream$(tokens$)).toBe('-a-#', { a: 'ok' }, new Error('no text'));
        expectSubscriptions(tokens$.subscriptions).toBe('^--!');
      });
    });

    it('should unsubscribe from its source when unsubscribed early', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens$ = cold('-a-b-c|', chunks);
        expectObservable(parser.stream$(tokens$), '^--!').toBe('-a-', { a: 'He' });
        expectSubscriptions(tokens$.subscriptions).toBe('^--!');
      });
    });

    it('should stop a synchronous source cut by take', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens$ = cold('(abc|)', chunks);
        expectObservable(parser.stream$(tokens$).pipe(take(2))).toBe('(ab|)', { a: 'He', b: 'llo' });
        expectSubscriptions(tokens$.subscriptions).toBe('(^!)');
      });
    });
  });

  describe('asOperator', () => {
    it('should map a stream of chunks to their texts', async () => {
      const text$ = of(chunks.a, chunks.b, chunks.c).pipe(parser.asOperator());
      expect(await lastValueFrom(text$.pipe(toArray()))).toEqual(['He', 'llo', '!']);
    });
  });
});
