import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createTestScheduler, type DeepEqualAssertion } from 'rxchain/testing';

describe('createTestScheduler', () => {
  it('should return a TestScheduler that passes equal frames', () => {
    const scheduler = createTestScheduler();
    expect(scheduler).toBeInstanceOf(TestScheduler);
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|', { a: 1 }).pipe(map((x) => x * 2))).toBe('-b|', { b: 2 });
    });
  });

  it("should fail differing frames with the test runner's deep equality", () => {
    const scheduler = createTestScheduler();
    expect(() =>
      scheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold('-a|', { a: { n: 1 } })).toBe('-a|', { a: { n: 2 } });
      }),
    ).toThrow(/toEqual/);
  });

  it('should compare deeply, not by identity', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: { list: [1, { x: 'y' }] } })).toBe('a|', { a: { list: [1, { x: 'y' }] } });
    });
  });

  it('should use a given assertion instead of the global expect', () => {
    const calls: [unknown, unknown][] = [];
    const assertion: DeepEqualAssertion = (actual, expected) => {
      calls.push([actual, expected]);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('frames differ');
    };
    const scheduler = createTestScheduler(assertion);
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|', { a: 1 })).toBe('-a|', { a: 1 });
    });
    expect(calls).toHaveLength(1);
    expect(() =>
      scheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold('-a|', { a: 1 })).toBe('-a|', { a: 2 });
      }),
    ).toThrow('frames differ');
  });

  it('should say how to fix a missing global expect', () => {
    const global = globalThis as { expect?: unknown };
    const saved = global.expect;
    let error: unknown;
    try {
      global.expect = undefined;
      createTestScheduler();
    } catch (e) {
      error = e;
    } finally {
      global.expect = saved;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/no global expect\(\)/);
    expect((error as Error).message).toMatch(/pass an assertion/);
  });

  it('should give each call its own scheduler', () => {
    expect(createTestScheduler()).not.toBe(createTestScheduler());
  });
});
