import fc from 'fast-check';
import { catchError, of } from 'rxjs';
import { ChatPromptTemplate, StringOutputParser, TimeoutError, type Runnable, type RunnableConfig } from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

/** Outcome labels for marbles: chunks as they are, a timeout as `limit@run`. */
const label = (e: unknown): string => (e instanceof TimeoutError ? `${e.limit}@${e.runName}` : `other:${String(e)}`);

function chainOver(model: Runnable<never, unknown>, modelConfig: RunnableConfig) {
  return ChatPromptTemplate.fromTemplate('{q}')
    .pipe(model.withConfig(modelConfig) as Runnable<never, never>)
    .pipe(new StringOutputParser());
}

describe('faults: a model that stalls at a random point (virtual time)', () => {
  it('should deliver the chunks before the stall once, then fail with the idleTimeout naming the model, tearing it down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 6 }), (sent, idle) => {
        createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
          // Tokens every frame, then silence.
          const tokens$ = cold('t'.repeat(sent), { t: 'x' });
          const model = new ScriptedChatModel({ name: 'model', responses: [tokens$] });
          const out$ = chainOver(model, { idleTimeout: idle })
            .stream$({ q: 'q' })
            .pipe(catchError((e: unknown) => of(label(e))));
          const stallAt = sent - 1 + idle;
          expectObservable(out$).toBe(`${'t'.repeat(sent)}${'-'.repeat(idle - 1)}(e|)`, {
            t: 'x',
            e: 'idleTimeout@model',
          });
          expectSubscriptions(tokens$.subscriptions).toBe(`^${'-'.repeat(stallAt - 1)}!`);
        });
      }),
      { seed: 424242, numRuns: 30 },
    );
  });

  it('should fail a model that never sends its first chunk with the firstChunkTimeout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (limit) => {
        createTestScheduler().run(({ cold, expectObservable }) => {
          const model = new ScriptedChatModel({ name: 'model', responses: [cold<string>('-')] });
          const out$ = chainOver(model, { firstChunkTimeout: limit })
            .stream$({ q: 'q' })
            .pipe(catchError((e: unknown) => of(label(e))));
          expectObservable(out$).toBe(`${limit}ms (e|)`, { e: 'firstChunkTimeout@model' });
        });
      }),
      { seed: 424242, numRuns: 20 },
    );
  });

  it('should recover from a stall before the first chunk with withRetry, delivering the retried reply once', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const stalled$ = cold<string>('-');
      const answer$ = cold('a-b|', { a: 'hel', b: 'lo' });
      const model = new ScriptedChatModel({ name: 'model', responses: [stalled$, answer$] });
      const chain = ChatPromptTemplate.fromTemplate('{q}')
        .pipe(model.withConfig({ firstChunkTimeout: 5 }).withRetry({ stopAfterAttempt: 2, delay: 0 }))
        .pipe(new StringOutputParser());
      expectObservable(chain.stream$({ q: 'q' })).toBe('5ms a-b|', { a: 'hel', b: 'lo' });
    });
  });
});
