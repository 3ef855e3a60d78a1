import { currentConfig } from './internal/currentConfig.js';
import { linkedRun } from './internal/runLink.js';
import type { RunnableConfig } from './RunnableConfig.js';
import { RunContext } from './RunContext.js';
import { recordCustom } from './lifecycle.js';

/**
 * Sends a custom event from inside a run (a lambda, a tool, a model): listeners of
 * `streamEvents`/`events$` receive an `on_custom_event` named `name` with `data` as its
 * payload, and the dispatching run's id, ancestry, tags and metadata. Pass the `config`
 * your function received (or, inside a custom runnable's step or a chat model, its
 * `RunContext`); without it the current run is found implicitly (always during a
 * synchronous call, and across `await` on Node). With no listener it does nothing.
 *
 * @param name - the custom event's name.
 * @param data - its payload (any JSON-serialisable value).
 * @param config - the config the dispatching code received, or the run itself.
 *
 * @example
 * ```ts
 * import { RunnableLambda, dispatchCustomEvent, type StreamEvent } from 'rxchain';
 *
 * const step = RunnableLambda.from(function work(x: string, config) {
 *   dispatchCustomEvent('progress', { done: 50 }, config);
 *   return x;
 * }, { name: 'work' });
 * const events: StreamEvent[] = [];
 * for await (const event of step.streamEvents('x', { version: 'v2' })) events.push(event);
 * console.log(events.filter((e) => e.event === 'on_custom_event').map((e) => [e.name, e.data])); // => [['progress', { done: 50 }]]
 * ```
 */
export function dispatchCustomEvent(name: string, data: unknown, config?: RunnableConfig | RunContext): void {
  const run = config instanceof RunContext ? config : (linkedRun(config) ?? linkedRun(currentConfig()));
  if (run !== undefined) recordCustom(run, name, data);
}
