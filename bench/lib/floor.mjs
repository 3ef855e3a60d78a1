// The floor: what the same work costs with no library, in plain RxJS and plain async generators.
import { from, map, mergeMap, Observable, of } from 'rxjs';

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

/**
 * `n` async-generator hops over the model's chunks, no library: `for await` pulls the
 * last one, each pulls the one before. The difference between 10 and 1 hops over nine is
 * what one async generator costs per chunk when nothing but generators sits in between.
 */
export function floorGeneratorHops(tokens, n) {
  async function* source() {
    for (const token of tokens) yield { content: token };
  }
  async function* hop(input) {
    for await (const value of input) yield value;
  }
  let iterable = source();
  for (let i = 0; i < n; i++) iterable = hop(iterable);
  return iterable;
}

/**
 * A pull queue over an Observable, as thin as one can write it: subscribes on the first
 * `next()`, resolves a waiting pull when a value comes, else buffers it.
 */
function pullQueue(observable) {
  const buffer = [];
  let head = 0;
  let done = false;
  let wake;
  let subscribed = false;
  return {
    next() {
      if (!subscribed) {
        subscribed = true;
        observable.subscribe({
          next(value) {
            if (wake === undefined) buffer.push(value);
            else {
              const resolve = wake;
              wake = undefined;
              resolve({ value, done: false });
            }
          },
          complete() {
            done = true;
            if (wake !== undefined) wake({ value: undefined, done: true });
          },
        });
      }
      if (head < buffer.length) {
        const value = buffer[head];
        buffer[head++] = undefined;
        return Promise.resolve({ value, done: false });
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        wake = resolve;
      });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** An async generator function as a step between RxJS operators: a pull queue in, a pump out. */
function generatorStep(generatorFunction) {
  return (source$) =>
    new Observable((subscriber) => {
      const iterator = generatorFunction(pullQueue(source$));
      void (async () => {
        for (;;) {
          const result = await iterator.next();
          if (result.done === true) return subscriber.complete();
          subscriber.next(result.value);
        }
      })();
    });
}

/**
 * `model | n async-generator identity steps` in raw RxJS: each step feeds an async
 * generator from a pull queue and pumps what it yields back into the Observable. What a
 * library that runs a user's async generator between RxJS steps cannot go below: one
 * generator hop, plus the queue's promise and the pump's `await`, per chunk.
 */
export function floorGeneratorSteps$(tokens, n) {
  async function* identity(input) {
    for await (const chunk of input) yield chunk;
  }
  return chunksOf(tokens).pipe(...Array.from({ length: n }, () => generatorStep(identity)));
}
