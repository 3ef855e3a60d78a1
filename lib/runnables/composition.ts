import { provideComposition } from './internal/composition.js';
import type { Runnable } from './Runnable.js';
import { coerceToRunnable } from './coerceToRunnable.js';
import { RunnableBinding } from './RunnableBinding.js';
import { RunnablePick } from './RunnablePick.js';
import { RunnableRetry } from './RunnableRetry.js';
import { sequenceOf } from './RunnableSequence.js';
import { RunnableWithFallbacks } from './RunnableWithFallbacks.js';
import { RunnableWithListeners } from './RunnableWithListeners.js';

// Every runnable the table is handed is a `Runnable` (the only subclass of `RunnableCore`).
provideComposition({
  sequence: (first, rest) => sequenceOf(first as Runnable, rest),
  bind: (runnable, config) => new RunnableBinding(runnable as Runnable, config),
  coerce: coerceToRunnable,
  retry: (runnable, options) => new RunnableRetry(runnable as Runnable, options),
  fallbacks: (runnable, options) => new RunnableWithFallbacks(runnable as Runnable, options),
  pick: (runnable, keys) => sequenceOf(runnable as Runnable, [new RunnablePick(keys)]),
  listeners: (runnable, listeners) => new RunnableWithListeners(runnable as Runnable, listeners),
});
