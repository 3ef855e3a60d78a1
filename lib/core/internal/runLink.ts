import type { RunnableConfig } from '../RunnableConfig.js';
import type { RunContext } from '../RunContext.js';

/**
 * The key under which a config handed to user code carries its run, so that passing
 * the config to a nested call makes that call a child of the run. It is an enumerable
 * symbol so that `{ ...config }` keeps it.
 */
export const RUN_LINK: unique symbol = Symbol('rxchain.run');

type LinkedConfig = RunnableConfig & { [RUN_LINK]?: RunContext };

/** The run a config was made for, if it was made for one. */
export function linkedRun(config: RunnableConfig | undefined): RunContext | undefined {
  return (config as LinkedConfig | undefined)?.[RUN_LINK];
}

/**
 * The config handed to user code running inside `run` (a lambda's second argument):
 * the run's inheritable options, and a link to the run itself.
 */
export function configForRun(run: RunContext, signal: AbortSignal | undefined = run.signal): RunnableConfig {
  const config: LinkedConfig = {
    tags: [...run.inheritableTags],
    metadata: { ...run.metadata },
    configurable: { ...run.configurable },
    recursionLimit: run.recursionLimit,
    [RUN_LINK]: run,
  };
  if (signal !== undefined) config.signal = signal;
  if (run.maxConcurrency !== undefined) config.maxConcurrency = run.maxConcurrency;
  return config;
}
