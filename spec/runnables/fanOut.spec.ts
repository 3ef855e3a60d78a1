import { concat, map, merge, of, Subject, tap, type Observable } from 'rxjs';
import { createTestScheduler } from 'rxchain/testing';
import { fanOut } from '../../lib/runnables/internal/fanOut.js';

// The fan-out behind RunnableMap: when branches are subscribed, and in which order they see
// the input (LangChain.js's map order: every branch starts, then each takes what is known).

/** Two branches that log what they see; the output tags each value with its branch. */
function logged(input$: Observable<string>, log: string[], replay = false, concurrency = Infinity) {
  return fanOut(input$, 2, replay, (inputs) =>
    merge(
      ...inputs.map((branch$, index) =>
        branch$.pipe(
          tap({
            subscribe: () => log.push(`${index}:subscribe`),
            next: (value) => log.push(`${index}:${value}`),
            complete: () => log.push(`${index}:complete`),
          }),
          map((value) => `${index}${value}`),
        ),
      ),
      concurrency,
    ),
  );
}

describe('fanOut (RunnableMap branches)', () => {
  it('should subscribe every branch, then hand each the whole of a known input in turn', () => {
    const log: string[] = [];
    const output: string[] = [];
    logged(of('a', 'b'), log).subscribe((value) => output.push(value));
    expect(log).toEqual(['0:subscribe', '1:subscribe', '0:a', '0:b', '0:complete', '1:a', '1:b', '1:complete']);
    expect(output).toEqual(['0a', '0b', '1a', '1b']);
  });

  it('should subscribe the branches at the first chunk of a streamed input, then pass each chunk to all', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const input = cold('--a---b---|');
      const log: string[] = [];
      const timed = logged(input, log).pipe(tap(() => log.push(`at ${scheduler.now()}`)));
      expectObservable(timed).toBe('--(xy)(zw)|', { x: '0a', y: '1a', z: '0b', w: '1b' });
      expectSubscriptions(input.subscriptions).toBe('^---------!');
      scheduler.flush();
      expect(log.filter((line) => line.endsWith('subscribe'))).toEqual(['0:subscribe', '1:subscribe']);
      expect(log.slice(0, 4)).toEqual(['0:subscribe', '1:subscribe', '0:a', 'at 2']);
    });
  });

  it('should subscribe no branch when the input fails before its first chunk', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const log: string[] = [];
      expectObservable(logged(cold('--#', undefined, new Error('input')), log)).toBe(
        '--#',
        undefined,
        new Error('input'),
      );
      expect(log).toEqual([]);
    });
  });

  it('should subscribe the branches when an empty input completes', () => {
    const log: string[] = [];
    let completed = false;
    logged(of<string>(), log).subscribe({ complete: () => (completed = true) });
    expect(log).toEqual(['0:subscribe', '1:subscribe', '0:complete', '1:complete']);
    expect(completed).toBe(true);
  });

  it('should unsubscribe the input and the branches when the output is unsubscribed', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const input = cold('-a--b--c|');
      const unsub = '   ----!';
      expectObservable(logged(input, []), unsub).toBe('-(xy)-', { x: '0a', y: '1a' });
      expectSubscriptions(input.subscriptions).toBe('^---!');
    });
  });

  it('should replay the input to a branch subscribed late (a concurrency limit)', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const input = cold('-a-b|');
      // With one branch at a time, the second subscribes when the first completes (frame 4).
      expectObservable(logged(input, [], true, 1)).toBe('-x-y(zw|)', { x: '0a', y: '0b', z: '1a', w: '1b' });
    });
  });

  it('should fail the output when a branch fails while taking a known input, and stop handing it on', () => {
    const log: string[] = [];
    let failure: unknown;
    fanOut(of('a', 'b'), 2, false, (inputs) =>
      merge(
        ...inputs.map((branch$, index) =>
          branch$.pipe(
            tap((value) => log.push(`${index}:${value}`)),
            map((value) => {
              if (index === 0 && value === 'a') throw new Error('branch');
              return value;
            }),
          ),
        ),
      ),
    ).subscribe({ error: (error: unknown) => (failure = error) });
    expect((failure as Error).message).toBe('branch');
    expect(log).toEqual(['0:a']);
  });

  it('should keep a chunk that comes while the known part is handed on behind it, for every branch', () => {
    const more = new Subject<string>();
    const log: string[] = [];
    const output = fanOut(concat(of('a'), more), 2, false, (inputs) =>
      merge(
        ...inputs.map((branch$, index) =>
          branch$.pipe(
            tap((value) => {
              log.push(`${index}:${value}`);
              if (index === 0 && value === 'a') more.next('c');
            }),
          ),
        ),
      ),
    ).subscribe();
    expect(log).toEqual(['0:a', '1:a', '0:c', '1:c']);
    output.unsubscribe();
    expect(more.observed).toBe(false);
  });
});
