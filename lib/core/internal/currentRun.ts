import type { RunContext } from '../RunContext.js';

interface RunStorage {
  run<R>(store: RunContext | undefined, fn: () => R): R;
  getStore(): RunContext | undefined;
}

interface AsyncHooksModule {
  AsyncLocalStorage: new () => RunStorage;
}

interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

let storage: RunStorage | null | undefined;
const stack: RunContext[] = [];

/**
 * Finds Node's AsyncLocalStorage at run time, without a static `node:` import, so that
 * browser bundles never reference it. Returns null where the platform has none.
 */
function asyncStorage(): RunStorage | null {
  if (storage === undefined) {
    storage = null;
    try {
      const proc = (globalThis as { process?: ProcessWithBuiltins }).process;
      const hooks = proc?.getBuiltinModule?.('node:async_hooks') as AsyncHooksModule | undefined;
      if (hooks?.AsyncLocalStorage !== undefined) storage = new hooks.AsyncLocalStorage();
    } catch {
      storage = null;
    }
  }
  return storage;
}

/**
 * Calls `fn` with `run` as the current run: on Node through AsyncLocalStorage (so it
 * survives `await`), elsewhere on a synchronous stack (so it holds during the call).
 */
export function runInContext<R>(run: RunContext, fn: () => R): R {
  const als = asyncStorage();
  if (als !== null) return als.run(run, fn);
  stack.push(run);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/**
 * The run whose user code is executing now, if any.
 */
export function currentRun(): RunContext | undefined {
  const als = asyncStorage();
  if (als !== null) return als.getStore();
  return stack[stack.length - 1];
}
