import { provideComposition } from '../core/internal/composition.js';
import type { Runnable } from '../core/Runnable.js';
import { coerceToRunnable } from './coerceToRunnable.js';
import { RunnableBinding } from './RunnableBinding.js';
import { sequenceOf } from './RunnableSequence.js';

provideComposition({
  sequence: sequenceOf,
  bind: (runnable, config) => new RunnableBinding(runnable, config) as Runnable,
  coerce: coerceToRunnable,
});
