import { mergeMap, type Observable } from 'rxjs';
import { createTestScheduler } from 'rxchain/testing';
import { mergeProject } from '../../../lib/core/internal/mergeProject.js';

type Cold = (marbles: string, values?: Record<string, string>) => Observable<string>;

const viaMergeProject = (input$: Observable<string>, project: (value: string) => Observable<string>) =>
  mergeProject(input$, project);
const viaMergeMap = (input$: Observable<string>, project: (value: string) => Observable<string>) =>
  input$.pipe(mergeMap(project));

/** Checks the same marbles against `mergeProject` and against RxJS `mergeMap`, which it replaces. */
function expectBoth(
  input: string,
  inner: (value: string, cold: Cold) => Observable<string>,
  expected: string,
  values?: Record<string, string>,
  unsubscribe?: string,
): void {
  for (const merge of [viaMergeProject, viaMergeMap]) {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const output$ = merge(cold(input), (value) => inner(value, cold));
      expectObservable(output$, unsubscribe).toBe(expected, values);
    });
  }
}

describe('mergeProject', () => {
  it('should emit the inner stream of the one input and complete only when it completes', () => {
    expectBoth('a|', (value, cold) => cold('-x-y|', { x: `${value}1`, y: `${value}2` }), '-x-y|', { x: 'a1', y: 'a2' });
  });

  it('should merge the inner streams of several inputs and wait for the input to complete', () => {
    expectBoth('a-b----|', (value, cold) => cold('-v|', { v: value }), '-a-b---|', { a: 'a', b: 'b' });
  });

  it('should complete at once when the input completes empty', () => {
    expectBoth('---|', (_value, cold) => cold('x|'), '---|');
  });

  it('should fail with the error of an inner stream', () => {
    expectBoth('a|', (_value, cold) => cold('-x-#'), '-x-#', { x: 'x' });
  });

  it('should fail with the error of the input, stopping the inner stream', () => {
    expectBoth('a-#', (_value, cold) => cold('x---y|'), 'x-#', { x: 'x' });
  });

  it('should fail when the projection throws', () => {
    expectBoth(
      'a|',
      () => {
        throw 'error';
      },
      '#',
    );
  });

  it('should stop the inner stream when unsubscribed', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const inner = cold('-x-x-x-x|');
      expectObservable(
        mergeProject(cold('a|'), () => inner),
        '---!',
      ).toBe('-x-');
      expectSubscriptions(inner.subscriptions).toBe('^--!');
    });
  });
});
