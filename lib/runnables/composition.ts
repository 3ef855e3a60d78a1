import { provideComposition } from '../core/internal/composition.js';
import type { Runnable } from '../core/Runnable.js';
import { coerceToRunnable } from './coerceToRunnable.js';
import { RunnableBinding } from './RunnableBinding.js';
import { RunnableRetry } from './RunnableRetry.js';
import { sequenceOf } from './RunnableSequence.js';
import { RunnableWithFallbacks } from './RunnableWithFallbacks.js';

provideComposition({
  sequence: sequenceOf,
  bind: (runnable, config) => new RunnableBinding(runnable, config) as Runnable,
  coerce: coerceToRunnable,
  retry: (runnable, options) => new RunnableRetry(runnable, options) as Runnable,
  fallbacks: (runnable, options) => new RunnableWithFallbacks(runnable, options) as Runnable,
});
