import { isObservable, of, type Observable } from 'rxjs';
import type { TraceOptions } from '../lifecycle.js';
import type { RunnableConfig } from '../RunnableConfig.js';
import { withImplicitContext } from './currentConfig.js';
import { linkedRun } from './runLink.js';

/** A call's run, ready to start: its input stream and where it starts from. */
export interface Call<I> {
  readonly input$: Observable<I>;
  readonly origin: TraceOptions;
}

/**
 * What a call (`invoke`, `stream$`, ...) starts: a child of the config's linked run (or
 * of the run whose user code is calling, found implicitly), else a root run. The context
 * is read now, at call time. An Observable input is the stream of input chunks; a value
 * is a one-chunk stream that the run also knows up front (so its start can report it).
 */
export function callOf<I>(input: I | Observable<I>, config: RunnableConfig | undefined): () => Call<I> {
  const effective = withImplicitContext(config);
  return () => {
    const parent = linkedRun(effective);
    const base: TraceOptions =
      parent === undefined ? { config: effective } : { parent, config: effective, nested: true };
    return isObservable(input)
      ? { input$: input, origin: base }
      : { input$: of(input), origin: { ...base, knownInput: { value: input } } };
  };
}
