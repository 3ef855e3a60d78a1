import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { AIMessageChunk, RunnableLambda, RunnableMap, concat } from 'rxchain';
import { concatAccumulator } from '../../lib/core/accumulators.js';

const SETTINGS = { seed: 20261122, numRuns: 300 };

/**
 * Map pieces as a RunnableMap streams them: one key per piece, each key always holding
 * the same kind of chunk (text, message chunks, lists, or nested pieces).
 */
const piece: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((text) => ({ text })),
  fc.string({ maxLength: 3 }).map((t) => ({ message: new AIMessageChunk(t) })),
  fc.array(fc.nat(9), { maxLength: 3 }).map((items) => ({ items })),
  fc
    .record({ inner: fc.string({ maxLength: 3 }), other: fc.array(fc.nat(9), { maxLength: 2 }) }, { requiredKeys: [] })
    .map((nested) => ({ nested })),
);

const normalise = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof AIMessageChunk ? { chunk: v.content } : v)));

describe('concat (properties)', () => {
  it('should accumulate any stream of chunks to what folding them with concat gives', () => {
    // Strings (joined once by the accumulator) mixed with every other kind of chunk.
    const chunk = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      piece,
      fc.array(fc.nat(9), { maxLength: 3 }),
      fc.string({ maxLength: 3 }).map((t) => new AIMessageChunk(t)),
      fc.constantFrom(7, null, true),
    );
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 12 }), fc.nat(12), (chunks, readAt) => {
        const accumulator = concatAccumulator<unknown>();
        expect(accumulator.value()).toBeUndefined();
        chunks.forEach((c, i) => {
          accumulator.add(c);
          if (i === readAt % chunks.length) {
            expect(normalise(accumulator.value())).toEqual(
              normalise(chunks.slice(0, i + 1).reduce((x, y) => concat(x, y))),
            );
          }
        });
        expect(normalise(accumulator.value())).toEqual(normalise(chunks.reduce((x, y) => concat(x, y))));
      }),
      SETTINGS,
    );
  });

  it('should be associative on map pieces', () => {
    fc.assert(
      fc.property(piece, piece, piece, (a, b, c) => {
        expect(normalise(concat(concat(a, b), c))).toEqual(normalise(concat(a, concat(b, c))));
      }),
      SETTINGS,
    );
  });

  it('should add map pieces up to the same object however they are grouped', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.nat(9), (pieces, cut) => {
        const at = Math.min(cut, pieces.length - 1);
        const whole = pieces.reduce((x, y) => concat(x, y));
        const head = pieces.slice(0, at + 1).reduce((x, y) => concat(x, y));
        const tail = pieces.slice(at + 1);
        const grouped =
          tail.length === 0
            ? head
            : concat(
                head,
                tail.reduce((x, y) => concat(x, y)),
              );
        expect(normalise(grouped)).toEqual(normalise(whole));
      }),
      SETTINGS,
    );
  });

  it('should be associative on arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.array(fc.nat()), fc.array(fc.nat()), (a, b, c) => {
        expect(concat(concat(a, b), c)).toEqual(concat(a, concat(b, c)));
      }),
      SETTINGS,
    );
  });

  it('should give a RunnableMap invoke result equal to its streamed pieces added up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (words) => {
        const tokens = RunnableLambda.from(async function* () {
          yield* words;
        });
        const map = RunnableMap.from({ text: tokens, count: (x: string) => x.length });
        const pieces = await lastValueFrom(map.stream$('input').pipe(toArray()));
        const added = map.outputAccumulator();
        pieces.forEach((piece) => added.add(piece));
        expect(added.value()).toEqual(await map.invoke('input'));
        expect(pieces.reduce((x, y) => concat(x, y))).toEqual(await map.invoke('input'));
        expect(await map.invoke('input')).toEqual({ text: words.join(''), count: 5 });
      }),
      { ...SETTINGS, numRuns: 50 },
    );
  });
});
