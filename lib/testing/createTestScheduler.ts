import { TestScheduler } from 'rxjs/testing';

/** Compares an actual value with an expected one, throwing when they differ. */
export type DeepEqualAssertion = (actual: unknown, expected: unknown) => void;

interface JestLikeExpect {
  (actual: unknown): { toEqual(expected: unknown): void };
}

/**
 * A `TestScheduler` for marble tests whose frames are compared with your test runner's
 * deep equality: jest's (or vitest's) global `expect(...).toEqual` by default.
 *
 * @param assertDeepEqual - the comparison, when there is no global `expect`.
 * @returns a new TestScheduler.
 *
 * @example
 * ```ts
 * import { createTestScheduler } from 'rxchain/testing';
 * import { map } from 'rxjs';
 *
 * const scheduler = createTestScheduler((actual, expected) => {
 *   if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('frames differ');
 * });
 * scheduler.run(({ cold, expectObservable }) => {
 *   expectObservable(cold('-a|', { a: 1 }).pipe(map((x) => x * 2))).toBe('-b|', { b: 2 });
 * });
 * ```
 */
export function createTestScheduler(assertDeepEqual?: DeepEqualAssertion): TestScheduler {
  const assertion = assertDeepEqual ?? globalAssertion();
  return new TestScheduler((actual, expected) => assertion(actual, expected));
}

function globalAssertion(): DeepEqualAssertion {
  const expectFn = (globalThis as { expect?: JestLikeExpect }).expect;
  if (typeof expectFn !== 'function') {
    throw new Error(
      'createTestScheduler() found no global expect(): pass an assertion, e.g. createTestScheduler(assert.deepStrictEqual).',
    );
  }
  return (actual, expected) => expectFn(actual).toEqual(expected);
}
