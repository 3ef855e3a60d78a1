import { map, type Observable } from 'rxjs';
import { AIMessageChunk, RunnableLambda, StringOutputParser, failedRunOf, type StreamEvent } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';
import { collect } from './RunnableRetry.helpers';

describe('RunnableRetry', () => {
  describe('streaming', () => {
    it('should retry transparently when an attempt fails before its first chunk', async () => {
      const model = new ScriptedChatModel({ responses: ['Hello there'], failAt: { token: 1, call: 0 } });
      const chain = model.withRetry({ stopAfterAttempt: 2 }).pipe(new StringOutputParser());
      expect(await collect(await chain.stream('hi'))).toEqual(['Hello', ' there']);
      expect(model.calls).toHaveLength(2);
    });

    it('should fail, without a new attempt, when an attempt fails after delivering chunks', async () => {
      const model = new ScriptedChatModel({
        responses: ['one two three'],
        failAt: { token: 3, error: new Error('cut') },
      });
      const chain = model.withRetry({ stopAfterAttempt: 3 }).pipe(new StringOutputParser());
      const seen: string[] = [];
      const error = await (async () => {
        for await (const token of await chain.stream('hi')) seen.push(token);
      })().catch((e: unknown) => e);
      expect((error as Error).message).toBe('cut');
      expect(seen).toEqual(['one', ' two']);
      expect(model.calls).toHaveLength(1);
    });

    it('should restart after delivered chunks with afterFirstChunk "restart", and say so in a custom event', async () => {
      const model = new ScriptedChatModel({
        responses: ['one two three'],
        failAt: { token: 3, call: 0, error: new Error('cut') },
      });
      const retried = model.withRetry({ stopAfterAttempt: 2, afterFirstChunk: 'restart' });
      const events = await eventsOf(retried, 'hi');
      const chunks = events
        .filter((e) => e.event === 'on_chain_stream')
        .map((e) => (e.data.chunk as AIMessageChunk).text);
      expect(chunks).toEqual(['one', ' two', 'one', ' two', ' three']);
      const restart = events.find((e) => e.event === 'on_custom_event') as StreamEvent;
      expect(restart.name).toBe('stream_restart');
      expect(restart.run_id).toBe(events[0]?.run_id);
      expect(restart.data).toEqual({ attempt: 2, chunksDelivered: 2, error: new Error('cut') });
      // The restart is announced after the failed attempt's error and before the next start.
      const order = labels(events).filter((l) => /error|custom|start/.test(l));
      expect(order).toEqual([
        'on_chain_start:RunnableRetry',
        'on_chat_model_start:ScriptedChatModel',
        'on_chat_model_error:ScriptedChatModel',
        'on_custom_event:stream_restart',
        'on_chat_model_start:ScriptedChatModel',
      ]);
    });

    it('should report each attempt as a child run, tagging the second and later retry:attempt:N', async () => {
      const model = new ScriptedChatModel({
        responses: ['ok'],
        failAt: { token: 1, call: 0, error: new Error('boom') },
      });
      const events = await eventsOf(model.withRetry({ stopAfterAttempt: 3 }), 'hi');
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableRetry',
        'on_chat_model_start:ScriptedChatModel',
        'on_chat_model_error:ScriptedChatModel',
        'on_chat_model_start:ScriptedChatModel',
        'on_chain_stream:RunnableRetry',
        'on_chat_model_stream:ScriptedChatModel',
        'on_chat_model_end:ScriptedChatModel',
        'on_chain_end:RunnableRetry',
      ]);
      const root = events[0] as StreamEvent;
      const [first, second] = events.filter((e) => e.event === 'on_chat_model_start');
      expect(first?.parent_ids).toEqual([root.run_id]);
      expect(second?.parent_ids).toEqual([root.run_id]);
      expect(first?.run_id).not.toBe(second?.run_id);
      expect(first?.tags).toEqual([]);
      expect(second?.tags).toEqual(['retry:attempt:2']);
      expect(events[2]?.data.error).toEqual(new Error('boom'));
      expect((events[events.length - 1]?.data.output as AIMessageChunk).text).toBe('ok');
    });

    it('should surface the final error once, marked with the last attempt run', async () => {
      const model = new ScriptedChatModel({ responses: ['x'], failAt: { token: 1 } });
      const errors: unknown[] = [];
      model
        .withRetry({ stopAfterAttempt: 2, delay: 0 })
        .stream$('hi')
        .subscribe({ error: (e: unknown) => errors.push(e) });
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toHaveLength(1);
      expect(failedRunOf(errors[0])?.name).toBe('ScriptedChatModel');
      expect(model.calls).toHaveLength(2);
    });

    it('should replay its input to a new attempt without re-running upstream steps', async () => {
      const model = new ScriptedChatModel({ responses: ['a b c'] });
      let parserCalls = 0;
      const parser = RunnableLambda.fromOperator((input$: Observable<AIMessageChunk>) => {
        parserCalls++;
        return input$.pipe(
          map((chunk, index) => {
            if (parserCalls === 1 && index === 2) throw new Error('parser hiccup');
            return chunk.text;
          }),
        );
      });
      // The parser fails after passing two chunks on: by default that ends the run.
      const chain = model.pipe(parser.withRetry({ stopAfterAttempt: 2 }));
      const seen = await collect(await chain.stream('q')).catch((e: unknown) => e);
      expect((seen as Error).message).toBe('parser hiccup');
      parserCalls = 0;
      const restarting = model.pipe(parser.withRetry({ stopAfterAttempt: 2, afterFirstChunk: 'restart' }));
      expect(await collect(await restarting.stream('q'))).toEqual(['a', ' b', 'a', ' b', ' c']);
      expect(parserCalls).toBe(2);
      expect(model.calls).toHaveLength(2); // one per chain run: the retry never re-ran the model
    });

    it('should not retry when its input fails', async () => {
      let attempts = 0;
      const upstream = RunnableLambda.from((): string => {
        throw new Error('upstream broke');
      });
      const step = RunnableLambda.fromOperator((input$: Observable<string>) => {
        attempts++;
        return input$;
      });
      const chain = upstream.pipe(step.withRetry({ stopAfterAttempt: 5 }));
      await expect(chain.invoke('x')).rejects.toThrow('upstream broke');
      expect(attempts).toBe(1);
    });
  });
});
