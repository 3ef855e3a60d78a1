import { inspect } from 'node:util';
import { from, lastValueFrom, take, toArray } from 'rxjs';
import {
  AIMessageChunk,
  applyPatch,
  BaseCumulativeTransformOutputParser,
  OutputParserException,
  XMLOutputParser,
  XML_FORMAT_INSTRUCTIONS,
} from 'rxchain';
import { FakeStreamingLLM, createTestScheduler } from 'rxchain/testing';

const MOVIES = `\`\`\`xml
<movies>
  <movie id="1">
    <title>Dune &amp; Co</title>
    <year>2021</year>
  </movie>
  <movie><title>Up</title><seen/></movie>
</movies>
\`\`\``;

const MOVIES_VALUE = {
  movies: [{ movie: [{ title: 'Dune & Co' }, { year: '2021' }] }, { movie: [{ title: 'Up' }, { seen: '' }] }],
};

const characters = (text: string): string[] => Array.from(text);

describe('XMLOutputParser', () => {
  const parser = new XMLOutputParser();

  it('should be a cumulative parser with LangChain.js format instructions', () => {
    expect(parser).toBeInstanceOf(BaseCumulativeTransformOutputParser);
    expect(parser.getName()).toBe('XMLOutputParser');
    expect(parser.getFormatInstructions()).toBe(XML_FORMAT_INSTRUCTIONS);
    expect(new XMLOutputParser({ tags: ['a', 'b'] }).getFormatInstructions()).toContain('```\na, b\n```');
  });

  describe('invoke', () => {
    it('should parse a fenced document into LangChain.js shape (attributes dropped, entities decoded)', async () => {
      expect(await parser.invoke(MOVIES)).toEqual(MOVIES_VALUE);
      expect(parser.parse(MOVIES)).toEqual(MOVIES_VALUE);
    });

    it('should drop whitespace at the start of each line of a text, as LangChain.js does', async () => {
      expect(await parser.invoke('<a>\n   one\n   two\n</a>')).toEqual({ a: '\none\ntwo\n' });
    });

    it('should skip a declaration, comments and prose, read CDATA and a stray < as text', async () => {
      const text = 'Here you go:\n<?xml version="1.0"?><!-- hi --><r><![CDATA[<b>]]> 1 < 2 &#65;&unknown;</r> bye';
      expect(await parser.invoke(text)).toEqual({ r: '<b> 1 < 2 A&unknown;' });
    });

    it('should give {} for an empty answer and fail with OutputParserException for one without XML', async () => {
      expect(await parser.invoke('')).toEqual({});
      const error = await parser.invoke('no xml here').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputParserException);
      expect((error as OutputParserException).llmOutput).toBe('no xml here');
    });

    it('should close elements left open inside a closing tag and ignore an unmatched one', async () => {
      expect(await parser.invoke('<a><b>x</c><d>y</a>')).toEqual({ a: [{ b: [{ d: 'y' }] }] });
    });
  });

  describe('streaming', () => {
    it('should show a tag when it opens and its text as it grows, in 1-char chunks', async () => {
      const values = await lastValueFrom(parser.stream$(from(characters('<a><b>hi</b><c/></a>'))).pipe(toArray()));
      expect(values).toEqual([
        { a: '' },
        { a: [{ b: '' }] },
        { a: [{ b: 'h' }] },
        { a: [{ b: 'hi' }] },
        { a: [{ b: 'hi' }, { c: '' }] },
      ]);
    });

    it('should end with the value invoke returns, through a streaming text model', async () => {
      const chain = new FakeStreamingLLM({ responses: [MOVIES] }).pipe(parser);
      const values = await lastValueFrom(chain.stream$('x').pipe(toArray()));
      expect(values.at(-1)).toEqual(MOVIES_VALUE);
      expect(values.length).toBeGreaterThan(10);
    });

    it('should share closed elements between values and hand out fresh open ones', async () => {
      const values = await lastValueFrom(parser.stream$(from(['<a><b>x</b>', '<c>', 'y'])).pipe(toArray()));
      const [first, second, third] = values as { a: Record<string, unknown>[] }[];
      expect(second?.a[0]).toBe(first?.a[0]);
      expect(third?.a[1]).not.toBe(second?.a[1]);
      expect(third).toEqual({ a: [{ b: 'x' }, { c: 'y' }] });
    });

    it('should hand out frozen values, so that a consumer cannot change the next one', async () => {
      const values = await lastValueFrom(parser.stream$(from(['<a><b>x</b>', '<c>y'])).pipe(toArray()));
      const last = values.at(-1) as { a: Record<string, string>[] };
      expect(Object.isFrozen(last) && Object.isFrozen(last.a) && Object.isFrozen(last.a[0])).toBe(true);
      expect(() => last.a.push({ d: '' })).toThrow(TypeError);
      expect(() => ((last.a[0] as Record<string, string>).b = 'changed')).toThrow(TypeError);
      expect(Object.isFrozen(await parser.invoke('<a><b>x</b></a>'))).toBe(true);
    });

    describe('over an element with many children', () => {
      const WIDE = 600;
      const rows = Array.from({ length: WIDE }, (_, i) => `<r>${i}</r>`);
      const expected = (count: number, last?: Record<string, string>): unknown => ({
        t: [...rows.slice(0, count).map((_, i) => ({ r: String(i) })), ...(last === undefined ? [] : [last])],
      });

      it('should give every value its own frozen list, the same array on every read', async () => {
        const text = `<t>${rows.join('')}<r>la`;
        const values = await lastValueFrom(parser.stream$(from(characters(text))).pipe(toArray()));
        const [closing, opened, first, second] = values.slice(-4) as { t: unknown[] }[];
        expect(closing).toEqual(expected(WIDE));
        expect(opened).toEqual(expected(WIDE, { r: '' }));
        expect(second).toEqual(expected(WIDE, { r: 'la' }));
        expect(first).toEqual(expected(WIDE, { r: 'l' }));
        expect(Array.isArray(second?.t) && Object.isFrozen(second?.t)).toBe(true);
        expect(second?.t).toBe(second?.t);
        expect(second?.t[0]).toBe(first?.t[0]);
        expect(Object.keys(second ?? {})).toEqual(['t']);
      });

      it('should read the same whenever a value is read, also after later chunks', async () => {
        const chunks = [`<t>${rows.slice(0, 300).join('')}<r>x`, `</r>${rows.slice(300).join('')}`, '</t>'];
        const source = from(chunks);
        const values = await lastValueFrom(parser.stream$(source).pipe(toArray()));
        expect(values[0]).toEqual(expected(300, { r: 'x' }));
        expect(JSON.parse(JSON.stringify(values[0]))).toEqual(expected(300, { r: 'x' }));
        expect(structuredClone(values[0])).toEqual(expected(300, { r: 'x' }));
        expect({ ...(values[0] as object) }).toEqual(expected(300, { r: 'x' }));
        expect(inspect(values[0], { depth: 0 })).toBe('{ t: [Array] }');
        expect(values.at(-1)).toEqual(parser.parse(chunks.join('')));
      });
    });

    it('should emit JSON Patch operations in diff mode that rebuild each value', async () => {
      const diff = new XMLOutputParser({ diff: true });
      const chunks = characters(MOVIES);
      const patches = await lastValueFrom(diff.stream$(from(chunks)).pipe(toArray()));
      const values = await lastValueFrom(parser.stream$(from(chunks)).pipe(toArray()));
      expect(patches).toHaveLength(values.length);
      let document: unknown;
      patches.forEach((ops, i) => {
        document = applyPatch(document, ops as never);
        expect(document).toEqual(values[i]);
      });
      expect(applyPatch(undefined, (await diff.invoke(MOVIES)) as never)).toEqual(MOVIES_VALUE);
    });

    it('should read message chunks by their text', async () => {
      const values = await lastValueFrom(
        parser.stream$(from([new AIMessageChunk('<a>'), new AIMessageChunk('1</a>')])).pipe(toArray()),
      );
      expect(values).toEqual([{ a: '' }, { a: '1' }]);
    });
  });

  describe('marble checklist', () => {
    const tokens = { a: '<r><i>', b: '1</i>', c: '<i>2', d: '</i></r>' };

    it('should emit a value on the frame of each chunk that changes the document', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d|', tokens);
        expectObservable(parser.stream$(source)).toBe('-a-b-c--|', {
          a: { r: [{ i: '' }] },
          b: { r: [{ i: '1' }] },
          c: { r: [{ i: '1' }, { i: '2' }] },
        });
        expectSubscriptions(source.subscriptions).toBe('^-------!');
      });
    });

    it('should emit {} at the end of an empty source', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(parser.stream$(cold<string>('--|'))).toBe('--(e|)', { e: {} });
      });
    });

    it('should pass on a source error, and fail at the end of text without XML', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(parser.stream$(cold('-a#', tokens, new Error('src')))).toBe(
          '-a#',
          { a: { r: [{ i: '' }] } },
          new Error('src'),
        );
        expectObservable(parser.stream$(cold('-p|', { p: 'prose' }))).toBe(
          '--#',
          undefined,
          new OutputParserException(
            'Could not find an XML element in the output. Ask the model to answer in XML (see getFormatInstructions())',
            'prose',
          ),
        );
      });
    });

    it('should unsubscribe early and stop a synchronous source cut by take', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-|', tokens);
        expectObservable(parser.stream$(source), '^--!').toBe('-a-', { a: { r: [{ i: '' }] } });
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(parser.stream$(cold('(abcd|)', tokens)).pipe(take(1))).toBe('(a|)', {
          a: { r: [{ i: '' }] },
        });
      });
    });
  });
});
