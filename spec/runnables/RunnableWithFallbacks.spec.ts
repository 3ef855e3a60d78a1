import { catchError, of } from 'rxjs';
import {
  AIMessageChunk,
  InvalidArgumentError,
  RunnableLambda,
  RunnableWithFallbacks,
  StringOutputParser,
  failedRunOf,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';

const failing = (name: string, message = `${name} failed`) =>
  RunnableLambda.from(
    (_: string): string => {
      throw new Error(message);
    },
    { name },
  );

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const chunk of stream) seen.push(chunk);
  return seen;
}

describe('RunnableWithFallbacks', () => {
  describe('invoke', () => {
    it('should return the first runnable output when it succeeds, without trying fallbacks', async () => {
      let tried = 0;
      const backup = RunnableLambda.from((x: string) => {
        tried++;
        return `backup ${x}`;
      });
      const primary = RunnableLambda.from((x: string) => `primary ${x}`);
      expect(await primary.withFallbacks([backup]).invoke('q')).toBe('primary q');
      expect(tried).toBe(0);
    });

    it('should fall through to the next runnable on error, in order', async () => {
      const chain = failing('a').withFallbacks([failing('b'), RunnableLambda.from((x: string) => `c got ${x}`)]);
      expect(await chain.invoke('q')).toBe('c got q');
    });

    it('should fail with the first error when every runnable fails', async () => {
      const chain = failing('a').withFallbacks([failing('b'), failing('c')]);
      const error = await chain.invoke('q').catch((e: unknown) => e);
      expect((error as Error).message).toBe('a failed');
      expect(failedRunOf(error)?.name).toBe('a');
    });

    it('should accept { fallbacks } as well as an array', async () => {
      const chain = failing('a').withFallbacks({ fallbacks: [RunnableLambda.from((x: string) => x.toUpperCase())] });
      expect(chain).toBeInstanceOf(RunnableWithFallbacks);
      expect(await chain.invoke('q')).toBe('Q');
    });

    it('should fall back at any point under invoke, returning the fallback real output only', async () => {
      const primary = new ScriptedChatModel({ responses: ['half an answer'], failAt: { token: 2 } });
      const backup = new ScriptedChatModel({ responses: ['whole answer'] });
      const reply = await primary.withFallbacks([backup]).invoke('q');
      expect(reply.text).toBe('whole answer');
    });

    it('should give each fallback the previous error under exceptionKey', async () => {
      const seen: unknown[] = [];
      const primary = RunnableLambda.from((_: { q: string }): string => {
        throw new Error('primary down');
      });
      const second = RunnableLambda.from((input: { q: string; error?: unknown }): string => {
        seen.push(input);
        throw new Error('second down');
      });
      const third = RunnableLambda.from(
        (input: { q: string; error?: unknown }) => `${input.q}: ${(input.error as Error).message}`,
      );
      const chain = primary.withFallbacks({ fallbacks: [second, third], exceptionKey: 'error' });
      expect(await chain.invoke({ q: 'status' })).toBe('status: second down');
      expect(seen).toEqual([{ q: 'status', error: new Error('primary down') }]);
    });

    it('should reject a non-object input with exceptionKey, without trying anything', async () => {
      let tried = 0;
      const primary = RunnableLambda.from((x: string) => {
        tried++;
        return x;
      });
      const chain = primary.withFallbacks({ fallbacks: [primary], exceptionKey: 'error' });
      const error = await chain.invoke('text').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/needs an object input/);
      expect(tried).toBe(0);
    });

    it('should reject fallbacks that are not runnables', () => {
      const primary = RunnableLambda.from((x: string) => x);
      expect(() => primary.withFallbacks([(x: string) => x] as never)).toThrow(InvalidArgumentError);
      expect(() => primary.withFallbacks({} as never)).toThrow(/array of runnables/);
    });
  });

  describe('streaming', () => {
    it('should stream the fallback chunks when the primary fails before its first chunk', async () => {
      const primary = new ScriptedChatModel({ responses: ['x'], failAt: { token: 1 } });
      const backup = new ScriptedChatModel({ responses: ['from the backup'] });
      const chain = primary.withFallbacks([backup]).pipe(new StringOutputParser());
      expect(await collect(await chain.stream('q'))).toEqual(['from', ' the', ' backup']);
    });

    it('should fail with the primary error, chunks delivered once, when it fails after its first chunk', async () => {
      const primary = new ScriptedChatModel({
        responses: ['one two three'],
        failAt: { token: 3, error: new Error('cut') },
      });
      const backup = new ScriptedChatModel({ responses: ['backup'] });
      const chain = primary.withFallbacks([backup]).pipe(new StringOutputParser());
      const seen: string[] = [];
      const error = await (async () => {
        for await (const token of await chain.stream('q')) seen.push(token);
      })().catch((e: unknown) => e);
      expect((error as Error).message).toBe('cut');
      expect(seen).toEqual(['one', ' two']);
      expect(backup.calls).toHaveLength(0);
    });

    it('should show each failure and the fallback run in streamEvents, ending with the fallback real output', async () => {
      const primary = new ScriptedChatModel({
        name: 'primary',
        responses: ['x'],
        failAt: { token: 1, error: new Error('503') },
      });
      const backup = new ScriptedChatModel({ name: 'backup', responses: ['hi there'] });
      const events = await eventsOf(primary.withFallbacks([backup]), 'q');
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableWithFallbacks',
        'on_chat_model_start:primary',
        'on_chat_model_error:primary',
        'on_chat_model_start:backup',
        'on_chain_stream:RunnableWithFallbacks',
        'on_chat_model_stream:backup',
        'on_chain_stream:RunnableWithFallbacks',
        'on_chat_model_stream:backup',
        'on_chat_model_end:backup',
        'on_chain_end:RunnableWithFallbacks',
      ]);
      const root = events[0] as StreamEvent;
      expect(
        events
          .filter((e) => e.event.endsWith('_start'))
          .slice(1)
          .map((e) => [e.parent_ids, e.tags]),
      ).toEqual([
        [[root.run_id], []],
        [[root.run_id], []],
      ]);
      const end = events[events.length - 1] as StreamEvent;
      expect((end.data.output as AIMessageChunk).text).toBe('hi there');
      expect(end.data.input).toBe('q');
    });

    it('should try the fallback on the same input without re-running upstream steps', async () => {
      let upstream = 0;
      const prepare = RunnableLambda.from((x: string) => {
        upstream++;
        return `${x}!`;
      });
      const chain = prepare.pipe(failing('a').withFallbacks([RunnableLambda.from((x: string) => `b got ${x}`)]));
      expect(await collect(await chain.stream('q'))).toEqual(['b got q!']);
      expect(upstream).toBe(1);
    });
  });

  describe('in virtual time', () => {
    it('should subscribe the fallback the moment the primary fails, and tear both down on unsubscribe', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const primary$ = cold<string>('--#', undefined, new Error('down'));
        const backup$ = cold('-a-b-c|', { a: 'x', b: 'y', c: 'z' });
        const chain = new ScriptedChatModel({ responses: [primary$] })
          .withFallbacks([new ScriptedChatModel({ responses: [backup$] })])
          .pipe(new StringOutputParser());
        expectObservable(chain.stream$('q'), '^-----!').toBe('---a-b', { a: 'x', b: 'y' });
        expectSubscriptions(primary$.subscriptions).toBe('^-!');
        expectSubscriptions(backup$.subscriptions).toBe('--^---!');
      });
    });

    it('should surface the first error after the last fallback fails', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const first$ = cold<string>('-#', undefined, new Error('first'));
        const second$ = cold<string>('--#', undefined, new Error('second'));
        const chain = new ScriptedChatModel({ responses: [first$] }).withFallbacks([
          new ScriptedChatModel({ responses: [second$] }),
        ]);
        const outcome$ = chain.stream$('q').pipe(catchError((e: unknown) => of((e as Error).message)));
        expectObservable(outcome$).toBe('---(e|)', { e: 'first' });
      });
    });
  });
});
