import { from, lastValueFrom, take, toArray } from 'rxjs';
import { BytesOutputParser } from 'rxchain';
import { FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('BytesOutputParser', () => {
  const parser = new BytesOutputParser();

  it('should encode each chunk as UTF-8 and invoke all the bytes joined', async () => {
    const chunks = await lastValueFrom(parser.stream$(from(['h', 'é', '!'])).pipe(toArray()));
    expect(chunks).toEqual([bytes('h'), bytes('é'), bytes('!')]);
    const chain = new FakeStreamingLLM({ responses: ['héllo'] }).pipe(parser);
    expect(new TextDecoder().decode(await chain.invoke('x'))).toBe('héllo');
    expect(parser.getName()).toBe('BytesOutputParser');
  });

  it('should give undefined from invoke of an empty stream and the bytes of one chunk as they are', () => {
    const total = parser.outputAccumulator();
    expect(total.value()).toBeUndefined();
    const only = bytes('x');
    total.add(only);
    expect(total.value()).toBe(only);
  });

  describe('marble checklist', () => {
    it('should emit on each frame, complete on empty, pass errors on, and stop when cut', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b|', { a: 'a', b: 'b' });
        expectObservable(parser.stream$(tokens)).toBe('-a-b|', { a: bytes('a'), b: bytes('b') });
        expectSubscriptions(tokens.subscriptions).toBe('^---!');
        expectObservable(parser.stream$(cold<string>('-|'))).toBe('-|');
        expectObservable(parser.stream$(cold<string>('-#', undefined, new Error('src')))).toBe(
          '-#',
          undefined,
          new Error('src'),
        );
        const early = cold('-a-b|', { a: 'a', b: 'b' });
        expectObservable(parser.stream$(early), '^-!').toBe('-a', { a: bytes('a') });
        expectSubscriptions(early.subscriptions).toBe('^-!');
        expectObservable(parser.stream$(cold('(ab|)', { a: 'a', b: 'b' })).pipe(take(1))).toBe('(a|)', {
          a: bytes('a'),
        });
      });
    });
  });
});
