import fc from 'fast-check';
import { lastValueFrom, materialize, tap, toArray } from 'rxjs';
import {
  dispatchCustomEvent,
  encodeEventStream,
  parseEventStream$,
  RemoteRunError,
  RunnableLambda,
  RunnableMap,
  RunnableSequence,
  sequentialIds,
  type ByteSource,
  type Runnable,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { cutBytes, joinBytes } from '../support/bytes';
import { type TokenSplit } from 'rxchain/testing';
import { commonStep } from '../support/chainSteps';

/** A chain, as data: every node maps a string to a string. */
type Node =
  | { readonly kind: 'upper' | 'reverse' | 'wrap' | 'passthrough' }
  | { readonly kind: 'model' | 'prompt'; readonly split: TokenSplit }
  | { readonly kind: 'custom'; readonly payload: unknown }
  | { readonly kind: 'throw'; readonly name: string; readonly message: string }
  | { readonly kind: 'sequence'; readonly steps: readonly Node[] }
  | { readonly kind: 'map'; readonly branches: readonly Node[] };

const TRICKY = [
  '',
  'é',
  '😀',
  '👩🏽‍💻',
  'naïve façade',
  '\n\n',
  'event: end\n\n',
  'data: {"x":1}\r\n\r\n',
  '\r',
  ': ping',
  '\u2028\u2029',
  '\ud83d',
  '\u0000',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom(...TRICKY),
);
const split = fc.constantFrom<TokenSplit>('word', 'char', 'none');
const payload = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  text,
  fc.record({
    progress: fc.integer(),
    note: text,
    list: fc.array(fc.oneof(fc.integer(), text, fc.boolean()), { maxLength: 3 }),
  }),
);

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom<Node>({ kind: 'upper' }, { kind: 'reverse' }, { kind: 'wrap' }, { kind: 'passthrough' }),
  fc.record({ kind: fc.constantFrom('model' as const, 'prompt' as const), split }),
  fc.record({ kind: fc.constant('custom' as const), payload }),
  fc.record({
    kind: fc.constant('throw' as const),
    name: fc.constantFrom('Error', 'TypeError', 'RangeError', 'QuotaError'),
    message: text,
  }),
);

const { node: chainArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'chain' },
    leaf,
    fc.record({ kind: fc.constant('sequence' as const), steps: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('map' as const), branches: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
}));

function errorOf(name: string, message: string): Error {
  switch (name) {
    case 'TypeError':
      return new TypeError(message);
    case 'RangeError':
      return new RangeError(message);
    default:
      return Object.assign(new Error(message), { name });
  }
}

/** An echo model: replies with the text it was given, cut as `split` says. */
function build(node: Node): Runnable<string, string> {
  switch (node.kind) {
    case 'upper':
    case 'reverse':
    case 'passthrough':
      return commonStep(node.kind);
    case 'model':
    case 'prompt':
      return commonStep(node.kind, node.split);
    case 'wrap':
      return RunnableLambda.from(
        function wrap(x: string) {
          return `«${x}» é😀\n`;
        },
        { name: 'wrap' },
      );
    case 'custom':
      return RunnableLambda.from(
        function report(x: string, config: RunnableConfig) {
          dispatchCustomEvent('progress', node.payload, config);
          dispatchCustomEvent('seen', { input: x }, config);
          return x;
        },
        { name: 'report' },
      );
    case 'throw':
      return RunnableLambda.from(
        function fail(x: string): string {
          throw errorOf(node.name, `${node.message} (${x.length})`);
        },
        { name: 'fail' },
      );
    case 'sequence': {
      const [first, ...rest] = node.steps.map(build);
      return RunnableSequence.from([first as Runnable<string, string>, ...rest]) as Runnable<string, string>;
    }
    case 'map': {
      const branches = Object.fromEntries(node.branches.map((branch, i) => [`b${i}`, build(branch)]));
      return RunnableSequence.from([
        RunnableMap.from(branches),
        RunnableLambda.from(
          function joinBranches(outputs: Record<string, unknown>) {
            return Object.values(outputs).join('|');
          },
          { name: 'joinBranches' },
        ),
      ]) as Runnable<string, string>;
    }
  }
}

function cut(bytes: Uint8Array, seeds: readonly number[]): Uint8Array[] {
  return cutBytes(
    bytes,
    [...new Set(seeds.map((seed) => seed % (bytes.length + 1)))].sort((a, b) => a - b),
  );
}

function sourceOf(chunks: readonly Uint8Array[], kind: 'stream' | 'iterable'): ByteSource {
  if (kind === 'iterable') {
    return (async function* bytes() {
      yield* chunks;
    })();
  }
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** Replaces `data.error` of error events by its name and message, and says what it was. */
function normaliseErrors(events: readonly StreamEvent[]): { events: StreamEvent[]; errorClasses: string[] } {
  const errorClasses: string[] = [];
  const out = events.map((event) => {
    if (!event.event.endsWith('_error')) return event;
    const error = event.data.error as Error;
    errorClasses.push(error instanceof RemoteRunError ? 'remote' : error instanceof Error ? 'local' : typeof error);
    return { ...event, data: { ...event.data, error: { name: error.name, message: error.message } } } as StreamEvent;
  });
  return { events: out, errorClasses };
}

/** The constructor names of every non-plain object inside `value`, depth first. */
function classesIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || proto === Object.prototype || proto === null;
  const own = plain ? [] : [(value as object).constructor.name];
  return [...own, ...Object.values(value).flatMap(classesIn)];
}

describe('encodeEventStream and parseEventStream$', () => {
  it('should round-trip the events of random chains, split at random bytes', async () => {
    let failures = 0;
    let messages = 0;
    await fc.assert(
      fc.asyncProperty(
        chainArb,
        text,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('stream' as const, 'iterable' as const),
        async (node, input, seeds, sourceKind) => {
          const original: StreamEvent[] = [];
          let originalError: unknown;
          const encoded = await lastValueFrom(
            encodeEventStream(
              build(node)
                .events$(input, { idGenerator: sequentialIds() })
                .pipe(
                  tap({ next: (event) => original.push(event), error: (error: unknown) => (originalError = error) }),
                ),
            ).pipe(materialize(), toArray()),
          );
          const chunks = encoded.flatMap((n) => (n.kind === 'N' ? [n.value] : []));
          const last = encoded.at(-1);
          expect(last?.kind).toBe(originalError === undefined ? 'C' : 'E');
          if (last?.kind === 'E') expect(last.error).toBe(originalError);

          const parsed: StreamEvent[] = [];
          let parsedError: unknown;
          let completed = false;
          await lastValueFrom(
            parseEventStream$(sourceOf(cut(joinBytes(chunks), seeds), sourceKind)).pipe(
              tap({
                next: (event) => parsed.push(event),
                error: (error: unknown) => (parsedError = error),
                complete: () => (completed = true),
              }),
              materialize(),
            ),
            { defaultValue: undefined },
          );

          const want = normaliseErrors(original);
          const got = normaliseErrors(parsed);
          expect(got.events).toEqual(want.events);
          expect(classesIn(got.events)).toEqual(classesIn(want.events));
          expect(want.errorClasses.every((c) => c === 'local')).toBe(true);
          expect(got.errorClasses).toEqual(want.errorClasses.map(() => 'remote'));
          messages += classesIn(want.events).length;
          if (originalError === undefined) {
            expect(parsedError).toBeUndefined();
            expect(completed).toBe(true);
          } else {
            failures++;
            expect(completed).toBe(false);
            expect(parsedError).toBeInstanceOf(RemoteRunError);
            expect((parsedError as Error).name).toBe((originalError as Error).name);
            expect((parsedError as Error).message).toBe((originalError as Error).message);
          }
        },
      ),
      // Seeded: the coverage checks below count what the generator produced.
      { seed: 424242, numRuns: 200 },
    );
    // The generator must exercise both outcomes and carry class instances.
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(190);
    expect(messages).toBeGreaterThan(100);
  });
});
