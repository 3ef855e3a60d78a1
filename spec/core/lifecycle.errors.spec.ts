import { mergeMap, NEVER, throwError } from 'rxjs';
import { failedRunOf, RunnableLambda, RunnableSequence, sequentialIds, type RunEvent } from 'rxchain';
import { names, recordRun } from '../support/events';

describe('the run lifecycle', () => {
  describe('errors', () => {
    const boom = new Error('kaboom');
    const chain = RunnableSequence.from([
      (x: string) => x,
      RunnableLambda.from(
        function explode(): string {
          throw boom;
        },
        { name: 'explode' },
      ),
      (x: string) => x,
    ]);

    it('should emit an error record for the failing run and each ancestor, then fail with the original error', async () => {
      const events: RunEvent[] = [];
      await expect(
        new Promise((resolve, reject) =>
          recordRun(chain, 'in', { idGenerator: sequentialIds() }).subscribe({
            next: (e) => events.push(e),
            error: reject,
            complete: () => resolve(undefined),
          }),
        ),
      ).rejects.toBe(boom);
      expect(names(events)).toEqual([
        'start:RunnableSequence',
        'start:RunnableLambda',
        'stream:RunnableLambda',
        'start:explode',
        'end:RunnableLambda',
        'error:explode',
        'error:RunnableSequence',
      ]);
      expect(events[5]).toMatchObject({ type: 'error', input: 'in', error: boom });
    });

    it('should mark the error with the innermost failing run', async () => {
      const error = await chain.invoke('in').catch((e: unknown) => e);
      expect(error).toBe(boom);
      expect(failedRunOf(error)?.name).toBe('explode');
    });

    it('should report nothing for a run that never started because its input failed', async () => {
      const failing = RunnableLambda.fromOperator(() => throwError(() => boom), { name: 'source' });
      const after = RunnableLambda.from(
        function after(x: unknown) {
          return x;
        },
        { name: 'after' },
      );
      const events: RunEvent[] = [];
      await new Promise<void>((resolve) =>
        recordRun(RunnableSequence.from([failing, after]), 1).subscribe({
          next: (e) => events.push(e),
          error: () => resolve(),
        }),
      );
      expect(names(events)).toEqual([
        'start:RunnableSequence',
        'start:source',
        'error:source',
        'error:RunnableSequence',
      ]);
    });
  });

  describe('cancellation', () => {
    it('should emit nothing more for runs torn down by unsubscription', () => {
      const events: RunEvent[] = [];
      const stuck = RunnableLambda.fromOperator((input$) => input$.pipe(mergeMap(() => NEVER)), { name: 'stuck' });
      const subscription = recordRun(RunnableSequence.from([(x: number) => x, stuck]), 1).subscribe((e) =>
        events.push(e),
      );
      const before = names(events);
      subscription.unsubscribe();
      expect(names(events)).toEqual(before);
      expect(before).not.toContain('end:stuck');
      expect(before).toContain('start:stuck');
    });
  });
});
