import { lastValueFrom, take, toArray } from 'rxjs';
import {
  AIMessageChunk,
  BaseChatModel,
  ChatPromptTemplate,
  fromIterable,
  ObservableIterator,
  StringOutputParser,
} from 'rxchain';
import type { BaseMessage, RunContext } from 'rxchain';
import type { Observable } from 'rxjs';

/** A generator that records how far it got and whether its `finally` ran. */
function counted(count: number) {
  const state = { produced: 0, finished: false };
  function* values(): Generator<number> {
    try {
      for (let i = 0; i < count; i++) {
        state.produced++;
        yield i;
      }
    } finally {
      state.finished = true;
    }
  }
  return { state, values };
}

class GeneratorModel extends BaseChatModel {
  readonly state = { produced: 0 };

  constructor(private readonly count: number) {
    super();
  }

  protected _streamChunks(_messages: BaseMessage[], _run: RunContext): Observable<AIMessageChunk> {
    const state = this.state;
    const count = this.count;
    return fromIterable(
      (function* () {
        for (let i = 0; i < count; i++) {
          state.produced++;
          yield new AIMessageChunk(` t${i}`);
        }
      })(),
    );
  }
}

describe('fromIterable', () => {
  describe('subscribed directly', () => {
    it('should emit every value in order, then complete', async () => {
      const { state, values } = counted(5);
      expect(await lastValueFrom(fromIterable(values()).pipe(toArray()))).toEqual([0, 1, 2, 3, 4]);
      expect(state.finished).toBe(true);
    });

    it('should emit nothing and complete for an empty iterable', async () => {
      expect(await lastValueFrom(fromIterable([]).pipe(toArray()))).toEqual([]);
    });

    it('should stop the generator when cut by take', async () => {
      const { state, values } = counted(1000);
      expect(await lastValueFrom(fromIterable(values()).pipe(take(2), toArray()))).toEqual([0, 1]);
      expect(state.produced).toBe(2);
      expect(state.finished).toBe(true);
    });

    it('should deliver an error thrown by the iterator on the error channel', async () => {
      function* failing(): Generator<number> {
        yield 1;
        throw new Error('broken');
      }
      await expect(lastValueFrom(fromIterable(failing()))).rejects.toThrow('broken');
    });

    it('should be cold: each subscription reads the iterable anew', async () => {
      const source = fromIterable([1, 2]);
      expect(await lastValueFrom(source.pipe(toArray()))).toEqual([1, 2]);
      expect(await lastValueFrom(source.pipe(toArray()))).toEqual([1, 2]);
    });
  });

  describe('read by an async iterator', () => {
    it('should pause while the consumer holds unread values and resume as it pulls', async () => {
      const { state, values } = counted(1000);
      const iterator = new ObservableIterator(fromIterable(values()));
      expect(state.produced).toBeLessThan(20);
      const seen: number[] = [];
      for await (const value of iterator) seen.push(value);
      expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      expect(state.finished).toBe(true);
    });

    it('should stop producing on break, running the generator finally', async () => {
      const { state, values } = counted(1000);
      for await (const value of new ObservableIterator(fromIterable(values()))) {
        if (value === 3) break;
      }
      expect(state.produced).toBeLessThan(20);
      expect(state.finished).toBe(true);
    });

    it('should not pause past an explicit bound, and never overflow it', async () => {
      const { state, values } = counted(100);
      const iterator = new ObservableIterator(fromIterable(values()), { highWaterMark: 2 });
      expect(state.produced).toBe(2);
      const seen: number[] = [];
      for await (const value of iterator) seen.push(value);
      expect(seen).toHaveLength(100);
    });

    it('should hand a chain its first chunk before a synchronous model has produced the rest', async () => {
      const model = new GeneratorModel(100_000);
      const chain = ChatPromptTemplate.fromTemplate('Tell me about {topic}').pipe(model).pipe(new StringOutputParser());
      const stream = await chain.stream({ topic: 'parrots' });
      const first = await stream.next();
      expect(first).toEqual({ done: false, value: ' t0' });
      expect(model.state.produced).toBeLessThan(20);
      let count = 1;
      for await (const _chunk of stream) count++;
      expect(count).toBe(100_000);
    });

    it('should hand streamEvents its first event before a synchronous model has produced the rest', async () => {
      const model = new GeneratorModel(100_000);
      const chain = ChatPromptTemplate.fromTemplate('Tell me about {topic}').pipe(model).pipe(new StringOutputParser());
      const events = chain.streamEvents({ topic: 'parrots' }, { version: 'v2' });
      const first = await events.next();
      expect(first.value).toMatchObject({ event: 'on_chain_start' });
      expect(model.state.produced).toBeLessThan(10);
      let streamed = 0;
      for await (const event of events) {
        if (event.event === 'on_chat_model_stream') {
          streamed++;
          if (streamed === 10) break;
        }
      }
      expect(model.state.produced).toBeLessThan(30);
    });
  });
});
