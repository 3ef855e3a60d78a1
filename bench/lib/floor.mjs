// The floor: what the same work costs with no library, in plain RxJS and plain async generators.
import { from, map, mergeMap, of } from 'rxjs';

/**
 * The thinnest Observable → AsyncIterable adapter: a buffer and one pending promise, no
 * back-pressure, unsubscribes on `return()`. What any RxJS user would write by hand.
 */
export function toAsyncIterable(observable) {
  return {
    [Symbol.asyncIterator]() {
      const buffer = [];
      let head = 0;
      let done = false;
      let failure;
      let wake;
      const subscription = observable.subscribe({
        next(value) {
          buffer.push(value);
          if (wake !== undefined) wake();
        },
        error(error) {
          failure = { error };
          if (wake !== undefined) wake();
        },
        complete() {
          done = true;
          if (wake !== undefined) wake();
        },
      });
      const pull = () => {
        if (head < buffer.length) {
          const value = buffer[head];
          buffer[head++] = undefined;
          return Promise.resolve({ value, done: false });
        }
        if (failure !== undefined) return Promise.reject(failure.error);
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          wake = () => {
            wake = undefined;
            resolve(pull());
          };
        });
      };
      return {
        next: pull,
        return() {
          subscription.unsubscribe();
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
}

/** The chunks a model emits, as plain objects. */
function chunksOf(tokens) {
  return from(tokens).pipe(map((token) => ({ content: token })));
}

/** `prompt | model | parser` in raw RxJS: format once, emit chunks, map each to its text. */
export function floorJokeStream$(tokens, topic) {
  return of({ topic }).pipe(
    map((input) => [{ role: 'user', content: `Tell me a joke about ${input.topic}` }]),
    mergeMap(() => chunksOf(tokens)),
    map((chunk) => chunk.content),
  );
}

/**
 * The events a three-step chain reports per token, made in raw RxJS: for each chunk, one
 * event for the model, one for the parser and one for the chain.
 */
export function floorJokeEvents$(tokens, topic) {
  const tags = [];
  const metadata = {};
  return floorJokeStream$(tokens, topic).pipe(
    mergeMap((text) => [
      {
        event: 'on_chat_model_stream',
        name: 'model',
        run_id: 'm',
        parent_ids: ['c'],
        tags,
        metadata,
        data: { chunk: { content: text } },
      },
      {
        event: 'on_parser_stream',
        name: 'parser',
        run_id: 'p',
        parent_ids: ['c'],
        tags,
        metadata,
        data: { chunk: text },
      },
      { event: 'on_chain_stream', name: 'chain', run_id: 'c', parent_ids: [], tags, metadata, data: { chunk: text } },
    ]),
  );
}

/** `model | n identity steps` in raw RxJS. */
export function floorIdentity$(tokens, n) {
  const identity = map((chunk) => chunk);
  return chunksOf(tokens).pipe(...Array.from({ length: n }, () => identity));
}

/** Three chained async generators over the tokens (a source and two pass-through steps). */
export function floorGenerators(tokens) {
  async function* source() {
    for (const token of tokens) yield token;
  }
  async function* step(input) {
    for await (const value of input) yield value;
  }
  return step(step(source()));
}

/**
 * The pulled floor of an event stream: a plain async generator that yields `total`
 * event-shaped objects (three per token: model, parser, chain; the rest start/end
 * shaped), consumed with `for await`, one pull per event. What delivering that many
 * objects through an async iterator costs with no library at all.
 */
export async function* pulledEvents(tokens, total) {
  const tags = [];
  const metadata = {};
  const parentIds = ['c'];
  const extra = total - 3 * tokens.length;
  for (let i = 0; i < extra; i++) {
    yield { event: 'on_chain_start', name: 'chain', run_id: 'c', parent_ids: [], tags, metadata, data: {} };
  }
  for (const text of tokens) {
    const chunk = { content: text };
    yield {
      event: 'on_chat_model_stream',
      name: 'model',
      run_id: 'm',
      parent_ids: parentIds,
      tags,
      metadata,
      data: { chunk },
    };
    yield {
      event: 'on_parser_stream',
      name: 'parser',
      run_id: 'p',
      parent_ids: parentIds,
      tags,
      metadata,
      data: { chunk: text },
    };
    yield {
      event: 'on_chain_stream',
      name: 'chain',
      run_id: 'c',
      parent_ids: [],
      tags,
      metadata,
      data: { chunk: text },
    };
  }
}
