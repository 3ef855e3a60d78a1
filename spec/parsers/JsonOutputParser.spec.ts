import fc from 'fast-check';
import { distinct, lastValueFrom, map, mergeMap, Observable, of, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { applyPatchForTest } from '../support/jsonPatch';
import {
  AIMessageChunk,
  InvalidArgumentError,
  JsonDepthError,
  JsonOutputParser,
  OutputParserError,
  OutputParserException,
  parsePartialJson,
  RunnableLambda,
  type JsonPatchOperation,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const COUNTRIES =
  '{"countries": [{"name": "France", "population": 67390000}, {"name": "Spain", "population": 47350000}, {"name": "Japan", "population": 125800000}]}';

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function parse<T>(parser: JsonOutputParser<T>, chunks: readonly string[]): Promise<T[]> {
  return lastValueFrom(parser.stream$(of(...chunks)).pipe(toArray()));
}

describe('JsonOutputParser', () => {
  describe('streaming', () => {
    it('should emit the countries object as it grows, chunk by chunk of 5 characters', async () => {
      const values = await parse(new JsonOutputParser(), chunksOf(COUNTRIES, 5));
      expect(values[0]).toEqual({});
      expect(values).toContainEqual({ countries: [] });
      expect(values).toContainEqual({ countries: [{ name: 'France' }] });
      expect(values).toContainEqual({ countries: [{ name: 'France', population: 67390000 }, { name: 'S' }] });
      expect(values.at(-1)).toEqual(JSON.parse(COUNTRIES));
      const france = (values.at(-1) as { countries: unknown[] }).countries[0];
      const sameFrance = values.filter((v) => (v as { countries?: unknown[] }).countries?.[0] === france);
      expect(sameFrance.length).toBeGreaterThan(5);
    });

    it('should emit only when the value changes, each value the completion of the text so far', async () => {
      const chunks = chunksOf(COUNTRIES, 5);
      const values = await parse(new JsonOutputParser(), chunks);
      const expected = chunks
        .map((_, i) => parsePartialJson(chunks.slice(0, i + 1).join('')))
        .filter((v, i, all) => v !== undefined && JSON.stringify(v) !== JSON.stringify(all[i - 1]));
      expect(values).toEqual(expected);
    });

    it('should read message chunks from a model and skip a markdown fence', async () => {
      const model = new ScriptedChatModel({
        responses: [{ tokens: ['Here:\n```json\n{"a"', ': [1, ', '2]}\n```\nDone.'] }],
      });
      const values = await lastValueFrom(model.pipe(new JsonOutputParser()).stream$('q').pipe(toArray()));
      expect(values).toEqual([{}, { a: [1] }, { a: [1, 2] }]);
    });

    it('should aggregate as the last value for invoke', async () => {
      const model = new ScriptedChatModel({ responses: [COUNTRIES], split: 'char' });
      expect(await model.pipe(new JsonOutputParser()).invoke('q')).toEqual(JSON.parse(COUNTRIES));
    });

    it('should stream on the frames the text arrives, in virtual time', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const text = cold('-a-b-c|', { a: '{"x": ', b: '[1', c: ']}' });
        const parser = new JsonOutputParser();
        expectObservable(parser.stream$(text)).toBe('-a-b--|', { a: {}, b: { x: [1] } });
        expectSubscriptions(text.subscriptions).toBe('^-----!');
      });
    });
  });

  describe('diff mode', () => {
    it('should emit JSON Patch operations that rebuild every value', async () => {
      const patches = await parse(new JsonOutputParser<JsonPatchOperation[]>({ diff: true }), chunksOf(COUNTRIES, 5));
      expect(patches[0]).toEqual([{ op: 'replace', path: '', value: {} }]);
      let doc: unknown;
      for (const ops of patches) doc = applyPatchForTest(doc, ops);
      expect(doc).toEqual(JSON.parse(COUNTRIES));
      expect(patches.flat().some((op) => op.op === 'add' && op.path === '/countries/1')).toBe(true);
    });

    it('should aggregate the operations of all chunks', async () => {
      const model = new ScriptedChatModel({ responses: ['{"a": 1, "b": [true]}'], split: 'char' });
      const ops = await model.pipe(new JsonOutputParser<JsonPatchOperation[]>({ diff: true })).invoke('q');
      expect(applyPatchForTest(undefined, ops)).toEqual({ a: 1, b: [true] });
    });
  });

  describe('errors', () => {
    it('should fail with OutputParserError carrying the whole raw text when the document is not JSON', async () => {
      const raw = `{"ok": true} and then ${'x'.repeat(500)}`;
      const error = await new JsonOutputParser().invoke(raw).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputParserError);
      expect((error as OutputParserError).llmOutput).toBe(raw);
      expect((error as Error).message.length).toBeLessThan(raw.length + 200);
      expect((error as Error).message).toMatch(/Could not parse the output as JSON/);
    });

    it("should fail with LangChain's OutputParserException, so a ported instanceof check still catches it", async () => {
      const streamed = await lastValueFrom(new JsonOutputParser().stream$(of('{"a": ', 'oops}'))).catch(
        (e: unknown) => e,
      );
      const parsed = await new JsonOutputParser().invoke('nope').catch((e: unknown) => e);
      for (const error of [streamed, parsed]) {
        expect(error).toBeInstanceOf(OutputParserException);
        expect((error as Error).name).toBe('OutputParserException');
      }
    });

    it('should fail for an incomplete document, after streaming what it could', async () => {
      const seen: unknown[] = [];
      await expect(
        new Promise((resolve, reject) =>
          new JsonOutputParser()
            .stream$(of('{"a": [1, 2'))
            .subscribe({ next: (v) => seen.push(v), error: reject, complete: () => resolve(null) }),
        ),
      ).rejects.toBeInstanceOf(OutputParserError);
      expect(seen).toEqual([{ a: [1, 2] }]);
    });

    it('should fail with JsonDepthError at the bracket past maxDepth and stop reading the model', async () => {
      let pulled = 0;
      const brackets = new Observable<string>((subscriber) => {
        for (let i = 0; i < 10_000 && !subscriber.closed; i++) {
          pulled++;
          subscriber.next('[');
        }
        subscriber.complete();
      });
      const error = await lastValueFrom(new JsonOutputParser().stream$(brackets)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JsonDepthError);
      expect((error as JsonDepthError).limit).toBe(1000);
      expect(pulled).toBe(1001);
      const shallow = await new JsonOutputParser({ maxDepth: 2 }).invoke('[[[1]]]').catch((e: unknown) => e);
      expect(shallow).toBeInstanceOf(JsonDepthError);
      expect(await new JsonOutputParser({ maxDepth: 3 }).invoke('[[[1]]]')).toEqual([[[1]]]);
      expect(() => new JsonOutputParser({ maxDepth: -1 })).toThrow(InvalidArgumentError);
    });

    it('should pass an upstream error through unchanged', async () => {
      const failure = new Error('model down');
      const model = new ScriptedChatModel({
        responses: ['{"a": 1}'],
        split: 'char',
        failAt: { token: 4, error: failure },
      });
      await expect(model.pipe(new JsonOutputParser()).invoke('q')).rejects.toBe(failure);
    });
  });

  describe('properties', () => {
    it('should parse any JSON value split anywhere, each emission the completion of its prefix', () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (value, cuts, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          const offsets = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const offset of [...offsets, text.length]) {
            chunks.push(text.slice(last, offset));
            last = offset;
          }
          const values: unknown[] = [];
          let failed: unknown;
          new JsonOutputParser()
            .stream$(of(...chunks))
            .subscribe({ next: (v) => values.push(v), error: (e: unknown) => (failed = e) });
          expect(failed).toBeUndefined();
          expect(values.at(-1)).toEqual(JSON.parse(text));
          let prefix = '';
          const completions = chunks.map((chunk) => parsePartialJson((prefix += chunk)));
          for (const emitted of values) expect(completions).toContainEqual(emitted);
        }),
        { numRuns: 300 },
      );
    });

    it('should never crash on random text, and reject non-JSON with OutputParserError', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 60 }), fc.nat({ max: 10 }), (text, size) => {
          let isJson = true;
          try {
            JSON.parse(text);
          } catch {
            isJson = false;
          }
          let failure: unknown;
          new JsonOutputParser()
            .stream$(of(...chunksOf(text, size + 1)))
            .subscribe({ error: (e: unknown) => (failure = e) });
          if (isJson) expect(failure).toBeUndefined();
          else expect(failure).toBeInstanceOf(OutputParserError);
        }),
        { numRuns: 400 },
      );
    });
  });

  describe('the extraction functions of the guide', () => {
    const model = () => new ScriptedChatModel({ responses: [COUNTRIES], split: 'char' });
    type Countries = { countries?: { name?: string }[] };

    it('should yield one chunk when a plain function follows the parser', async () => {
      const extractCountryNames = (inputs: Countries) =>
        Array.isArray(inputs.countries) ? JSON.stringify(inputs.countries.map((c) => c.name)) : '';
      const chunks = await lastValueFrom(
        model().pipe(new JsonOutputParser<Countries>()).pipe(extractCountryNames).stream$('q').pipe(toArray()),
      );
      expect(chunks).toEqual(['["France","Spain","Japan"]']);
    });

    it('should yield the names one by one from an operator lambda', async () => {
      const names = RunnableLambda.fromOperator((input$: Observable<Countries>) =>
        input$.pipe(
          mergeMap((value) => (value.countries ?? []).slice(0, -1)),
          map((country) => country.name),
          distinct(),
        ),
      );
      const lastToo = RunnableLambda.fromOperator((input$: Observable<Countries>) =>
        input$.pipe(
          mergeMap((value) => value.countries ?? []),
          map((country) => country.name ?? ''),
          distinct(),
        ),
      );
      const complete = await lastValueFrom(
        model().pipe(new JsonOutputParser<Countries>()).pipe(names).stream$('q').pipe(toArray()),
      );
      expect(complete).toEqual(['France', 'Spain']);
      const partial = await lastValueFrom(
        model().pipe(new JsonOutputParser<Countries>()).pipe(lastToo).stream$('q').pipe(toArray()),
      );
      expect(partial).toContain('France');
      expect(partial).toContain('Fr');
    });

    it('should yield France, Spain, Japan one by one from an async generator', async () => {
      const names = RunnableLambda.from(
        async function* extractCountryNamesStreaming(input: AsyncIterable<Countries>) {
          const seen = new Set<string>();
          let previous: Countries | undefined;
          for await (const value of input) {
            // A country is complete once a later one has started; the last one at the end.
            for (const country of (value.countries ?? []).slice(0, -1)) {
              if (country.name !== undefined && !seen.has(country.name)) {
                seen.add(country.name);
                yield country.name;
              }
            }
            previous = value;
          }
          const lastName = previous?.countries?.at(-1)?.name;
          if (lastName !== undefined && !seen.has(lastName)) yield lastName;
        },
        { name: 'extractCountryNamesStreaming' },
      );
      const chunks: string[] = [];
      for await (const name of await model().pipe(new JsonOutputParser<Countries>()).pipe(names).stream('q'))
        chunks.push(name);
      expect(chunks).toEqual(['France', 'Spain', 'Japan']);
    });
  });

  it('should accept AIMessageChunk input directly', async () => {
    const values = await lastValueFrom(
      new JsonOutputParser().stream$(of(new AIMessageChunk('[1,'), new AIMessageChunk(' 2]'))).pipe(toArray()),
    );
    expect(values).toEqual([[1], [1, 2]]);
  });
});
