import { layerConfigs, type RunnableConfig } from '../RunnableConfig.js';
import { linkedRun } from './runLink.js';

interface RunStorage {
  run<R>(store: RunnableConfig | undefined, fn: () => R): R;
  getStore(): RunnableConfig | undefined;
}

interface AsyncHooksModule {
  AsyncLocalStorage: new () => RunStorage;
}

interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

let storage: RunStorage | null | undefined;
const stack: RunnableConfig[] = [];

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
 * Calls `fn` with `config` (the config handed to a run's user code, linked to the run)
 * as the current one: on Node through AsyncLocalStorage (so it survives `await`),
 * elsewhere on a synchronous stack (so it holds during the call). A runnable called
 * from `fn` without a config uses it, and so becomes a child of the run.
 */
export function runInContext<R>(config: RunnableConfig, fn: () => R): R {
  const als = asyncStorage();
  if (als !== null) return als.run(config, fn);
  stack.push(config);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/**
 * The config of the run whose user code is executing now, if any.
 */
export function currentConfig(): RunnableConfig | undefined {
  const als = asyncStorage();
  if (als !== null) return als.getStore();
  return stack[stack.length - 1];
}

/**
 * A call's config, completed with the implicit context: inside a run's user code, a call
 * without a linked config inherits that run's config (and so becomes its child).
 */
export function withImplicitContext(config: RunnableConfig | undefined): RunnableConfig | undefined {
  if (linkedRun(config) !== undefined) return config;
  const implicit = currentConfig();
  if (implicit === undefined) return config;
  return config === undefined ? implicit : layerConfigs(implicit, config);
}
