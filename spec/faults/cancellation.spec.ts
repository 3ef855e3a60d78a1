import fc from 'fast-check';
import { asapScheduler, asyncScheduler, finalize, from, scheduled, tap, type Observable } from 'rxjs';
import { AbortError, ChatPromptTemplate, StringOutputParser, type StreamEvent } from 'rxchain';
import { ScriptedChatModel, createTestScheduler } from 'rxchain/testing';
import { FAULT_RUNS, consume, errorPath, eventsOutcome, settle, streamedBy } from '../support/faults';

const tokens = fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 25,
});

/** Tokens that arrive asynchronously, one per task, counting what was produced and whether it was torn down. */
function asyncSource(words: readonly string[]) {
  const probe = { produced: 0, tornDown: false };
  const source$: Observable<string> = scheduled(words, asapScheduler).pipe(
    tap(() => probe.produced++),
    finalize(() => {
      probe.tornDown = true;
    }),
  );
  return { source$, probe };
}

function chainOver(tokens$: Observable<string>) {
  const model = new ScriptedChatModel({ name: 'model', responses: [tokens$] });
  return ChatPromptTemplate.fromTemplate('{q}')
    .pipe(model)
    .pipe(new StringOutputParser())
    .withConfig({ runName: 'chain' });
}

describe('faults: a consumer that breaks at a random point', () => {
  it('should get the first k chunks once, not throw, and stop the model at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokens.chain((words) => fc.record({ words: fc.constant(words), k: fc.integer({ min: 1, max: words.length }) })),
        async ({ words, k }) => {
          const { source$, probe } = asyncSource(words);
          const outcome = await consume(() => chainOver(source$).stream({ q: 'x' }), { breakAfter: k });
          expect(outcome.errors).toEqual([]);
          expect(outcome.chunks).toEqual(words.slice(0, k));
          const producedAtBreak = probe.produced;
          await settle();
          await settle();
          expect(probe.produced).toBe(producedAtBreak);
          // Torn down by the break, or finished on its own before the break.
          expect(probe.tornDown).toBe(true);
        },
      ),
      FAULT_RUNS,
    );
  });

  it('should stop the run when the consumer breaks out of streamEvents at a random event', async () => {
    await fc.assert(
      fc.asyncProperty(tokens, fc.nat(60), async (words, at) => {
        const { source$, probe } = asyncSource(words);
        const all = await eventsOutcome(chainOver(asyncSource(words).source$), { q: 'x' });
        const k = 1 + (at % all.chunks.length);
        const outcome = await eventsOutcome(chainOver(source$), { q: 'x' }, {}, { breakAfter: k });
        expect(outcome.errors).toEqual([]);
        const strip = (events: readonly StreamEvent[]) => events.map((e) => [e.event, e.name, e.data]);
        expect(strip(outcome.chunks)).toEqual(strip(all.chunks.slice(0, k)));
        const producedAtBreak = probe.produced;
        await settle();
        expect(probe.produced).toBe(producedAtBreak);
        expect(probe.tornDown).toBe(true);
      }),
      FAULT_RUNS,
    );
  });
});

describe('faults: an AbortSignal fired at a random point', () => {
  /** Tokens that fire the signal just before token `at` (0-based) is emitted. */
  function abortingSource(words: readonly string[], at: number, controller: AbortController) {
    const probe = { tornDown: false };
    let index = 0;
    const source$ = from(words).pipe(
      tap(() => {
        if (index++ === at) controller.abort();
      }),
      finalize(() => {
        probe.tornDown = true;
      }),
    );
    return { source$, probe };
  }

  const aborted = tokens.chain((words) =>
    fc.record({ words: fc.constant(words), at: fc.integer({ min: 0, max: words.length - 1 }) }),
  );

  it('should deliver the chunks before the abort once, then fail once with an AbortError, tearing the model down', async () => {
    await fc.assert(
      fc.asyncProperty(aborted, async ({ words, at }) => {
        const controller = new AbortController();
        const { source$, probe } = abortingSource(words, at, controller);
        const outcome = await consume(() => chainOver(source$).stream({ q: 'x' }, { signal: controller.signal }));
        expect(outcome.chunks).toEqual(words.slice(0, at));
        expect(outcome.errors).toHaveLength(1);
        expect(outcome.errors[0]).toBeInstanceOf(AbortError);
        expect(probe.tornDown).toBe(true);
      }),
      FAULT_RUNS,
    );
  });

  it('should end the event stream with one error event, on the run the signal was given to', async () => {
    await fc.assert(
      fc.asyncProperty(aborted, async ({ words, at }) => {
        const controller = new AbortController();
        const { source$ } = abortingSource(words, at, controller);
        // events$ shows the runs the abort cut short ending with their error events.
        const chunks: StreamEvent[] = [];
        const errors: unknown[] = [];
        await new Promise<void>((resolve) =>
          chainOver(source$)
            .events$({ q: 'x' }, { version: 'v2', signal: controller.signal })
            .subscribe({
              next: (event) => chunks.push(event),
              error: (e: unknown) => resolve(void errors.push(e)),
              complete: resolve,
            }),
        );
        expect(errors).toHaveLength(1);
        expect(errors[0]).toBeInstanceOf(AbortError);
        expect(errorPath(chunks, errors[0])).toEqual(['chain']);
        expect(streamedBy(chunks, 'chain')).toEqual(words.slice(0, at));
        // streamEvents' iterator, as LangChain's, rejects its next read at once with the
        // AbortError (the unread events are dropped: the consumer asked to stop).
        const again = new AbortController();
        const outcome = await eventsOutcome(
          chainOver(abortingSource(words, at, again).source$),
          { q: 'x' },
          { signal: again.signal },
        );
        expect(outcome.errors).toHaveLength(1);
        expect(outcome.errors[0]).toBeInstanceOf(AbortError);
      }),
      FAULT_RUNS,
    );
  });

  it('should reject invoke once with the signal reason when it is an Error', async () => {
    await fc.assert(
      fc.asyncProperty(aborted, async ({ words, at }) => {
        const controller = new AbortController();
        const reason = new Error('user left');
        let index = 0;
        const source$ = from(words).pipe(
          tap(() => {
            if (index++ === at) controller.abort(reason);
          }),
        );
        await expect(chainOver(source$).invoke({ q: 'x' }, { signal: controller.signal })).rejects.toBe(reason);
      }),
      FAULT_RUNS,
    );
  });

  it('should cut a timed stream at the frame the signal fires, in virtual time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), (count, abortAt) => {
        createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
          const marbles = `${'a'.repeat(count)}|`;
          const tokens$ = cold(marbles, { a: 't' });
          const controller = new AbortController();
          const stream$ = chainOver(tokens$).stream$({ q: 'x' }, { signal: controller.signal });
          // Scheduled before the tokens are, the abort runs first within its frame.
          asyncScheduler.schedule(() => controller.abort(), abortAt);
          const expected = abortAt <= count ? `${'a'.repeat(abortAt)}#` : marbles;
          expectObservable(stream$).toBe(expected, { a: 't' }, new AbortError());
          expectSubscriptions(tokens$.subscriptions).toBe(
            abortAt <= count ? `^${'-'.repeat(abortAt - 1)}!` : `^${'-'.repeat(count - 1)}!`,
          );
        });
      }),
      { seed: 424242, numRuns: 25 },
    );
  });
});
