import { Observable } from 'rxjs';
import { RunnableLambda, StringOutputParser, type Runnable } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

/** A chain to break out of, and what it lets a spec check afterwards. */
export interface RelayChain {
  /** model (tokens on a real 1 ms interval) | parser | async-generator relay. */
  readonly runnable: Runnable<string, string>;
  /** Subscriptions to the model's tokens still open. */
  live(): number;
  /** Intervals still running. */
  timers(): number;
  /** Whether the relay started, and whether its `finally` ran. */
  readonly state: { started: boolean; finished: boolean };
}

/**
 * A chain whose model emits `tokenCount` tokens on a real interval and whose last step
 * is an async generator with a `finally`: what `break` specs cancel at every position.
 */
export function relayChain(tokenCount: number): RelayChain {
  let live = 0;
  let timers = 0;
  const tokens$ = new Observable<string>((subscriber) => {
    live++;
    let i = 0;
    timers++;
    const timer = setInterval(() => {
      subscriber.next(`t${i++}`);
      if (i === tokenCount) subscriber.complete();
    }, 1);
    return () => {
      live--;
      clearInterval(timer);
      timers--;
    };
  });
  const state = { started: false, finished: false };
  const relay = RunnableLambda.from(
    async function* relay(input: AsyncIterable<string>) {
      state.started = true;
      try {
        for await (const chunk of input) yield chunk;
      } finally {
        state.finished = true;
      }
    },
    { name: 'relay' },
  );
  const runnable = new ScriptedChatModel({ responses: [tokens$] }).pipe(new StringOutputParser()).pipe(relay);
  return { runnable, live: () => live, timers: () => timers, state };
}
