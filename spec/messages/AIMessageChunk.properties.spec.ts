import fc from 'fast-check';
import { AIMessageChunkAccumulator } from '../../lib/messages/AIMessageChunk.js';
import {
  AIMessageChunk,
  concat,
  contentText,
  type ContentPart,
  type MessageContent,
  type ToolCallChunk,
} from 'rxchain';

const SETTINGS = { seed: 20261122, numRuns: 300 };

const text = fc.string({ unit: 'grapheme', maxLength: 4 });
const part: fc.Arbitrary<ContentPart> = fc.oneof(
  text.map((t) => ({ type: 'text', text: t })),
  text.map((t) => ({ type: 'text', text: t, annotations: ['cite'] })),
  fc.constantFrom('a.png', 'b.png').map((url) => ({ type: 'image_url', image_url: { url } })),
);
const content: fc.Arbitrary<MessageContent> = fc.oneof(text, fc.array(part, { maxLength: 3 }));
const toolCallChunk: fc.Arbitrary<ToolCallChunk> = fc.record(
  {
    index: fc.integer({ min: 0, max: 2 }),
    args: fc.string({ maxLength: 4 }),
    name: fc.constantFrom('search', 'add', ''),
    id: fc.constantFrom('call_1', 'call_2', ''),
    type: fc.constant('tool_call_chunk' as const),
  },
  { requiredKeys: ['type'] },
);
// Each metadata key keeps one kind of value, as providers send it: a key that switched
// between an object and a string mid-stream would have no associative merge.
const metadata = fc.record(
  {
    model: fc.string({ maxLength: 3 }),
    finish_reason: fc.option(fc.constantFrom('stop', 'length'), { nil: null }),
    logprobs: fc.dictionary(fc.constantFrom('x', 'y'), fc.nat(5), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);
const chunk: fc.Arbitrary<AIMessageChunk> = fc
  .record(
    {
      content,
      tool_call_chunks: fc.array(toolCallChunk, { maxLength: 2 }),
      usage_metadata: fc.record({ input_tokens: fc.nat(50), output_tokens: fc.nat(50), total_tokens: fc.nat(100) }),
      response_metadata: metadata,
      additional_kwargs: metadata,
      id: fc.constantFrom('run-1', 'run-2', 'msg-1', 'msg-2', ''),
      name: fc.constantFrom('bot', 'helper'),
    },
    { requiredKeys: ['content'] },
  )
  .map((fields) => new AIMessageChunk(fields));

/** Everything a chunk holds, as plain data. */
const shape = (c: AIMessageChunk) => ({
  content: c.content,
  tool_call_chunks: c.tool_call_chunks,
  usage_metadata: c.usage_metadata,
  response_metadata: c.response_metadata,
  additional_kwargs: c.additional_kwargs,
  id: c.id,
  name: c.name,
  tool_calls: c.tool_calls,
  invalid_tool_calls: c.invalid_tool_calls,
});

describe('AIMessageChunk concat (properties)', () => {
  it('should be associative on every field, with string and part-list content mixed', () => {
    fc.assert(
      fc.property(chunk, chunk, chunk, (a, b, c) => {
        expect(shape(a.concat(b).concat(c))).toEqual(shape(a.concat(b.concat(c))));
      }),
      SETTINGS,
    );
  });

  it('should give the same message however a stream of chunks is grouped', () => {
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 8 }), fc.nat(7), (chunks, cut) => {
        const at = Math.min(cut, chunks.length - 1);
        const leftFold = chunks.reduce((x, y) => concat(x, y));
        const head = chunks.slice(0, at + 1).reduce((x, y) => concat(x, y));
        const tail = chunks.slice(at + 1);
        const grouped =
          tail.length === 0
            ? head
            : concat(
                head,
                tail.reduce((x, y) => concat(x, y)),
              );
        expect(shape(grouped)).toEqual(shape(leftFold));
      }),
      SETTINGS,
    );
  });

  it('should accumulate a stream of chunks to exactly what folding them with concat gives', () => {
    // Plain text tokens (the fast path) mixed with every other kind of chunk.
    const plain = fc
      .tuple(text, fc.constantFrom(undefined, 'msg-1', 'run-1', ''))
      .map(([t, id]) => new AIMessageChunk(id === undefined ? t : { content: t, id }));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(plain, plain, chunk), { minLength: 1, maxLength: 12 }),
        fc.nat(12),
        (chunks, readAt) => {
          const accumulator = new AIMessageChunkAccumulator();
          expect(accumulator.value()).toBeUndefined();
          chunks.forEach((c, i) => {
            accumulator.add(c);
            // Reading midway must not change what comes after.
            if (i === readAt % chunks.length)
              expect(shape(accumulator.value() as AIMessageChunk)).toEqual(
                shape(chunks.slice(0, i + 1).reduce((x, y) => x.concat(y))),
              );
          });
          expect(shape(accumulator.value() as AIMessageChunk)).toEqual(shape(chunks.reduce((x, y) => x.concat(y))));
        },
      ),
      SETTINGS,
    );
  });

  it('should not make a message per plain text token', () => {
    const tokens = Array.from({ length: 1000 }, (_, i) => new AIMessageChunk({ content: ` t${i}`, id: 'msg-1' }));
    const accumulator = new AIMessageChunkAccumulator();
    const concatSpy = jest.spyOn(AIMessageChunk.prototype, 'concat');
    try {
      for (const token of tokens) accumulator.add(token);
      expect(accumulator.value()?.content).toBe(tokens.map((t) => t.content).join(''));
      expect(concatSpy).toHaveBeenCalledTimes(1);
    } finally {
      concatSpy.mockRestore();
    }
  });

  it('should keep the text of every piece, in order', () => {
    fc.assert(
      fc.property(chunk, chunk, (a, b) => {
        expect(a.concat(b).text).toBe(contentText(a.content) + contentText(b.content));
      }),
      SETTINGS,
    );
  });

  it('should join adjacent plain text parts, and keep annotated text and other parts apart', () => {
    const joined = new AIMessageChunk('Hel').concat(new AIMessageChunk({ content: [{ type: 'text', text: 'lo' }] }));
    expect(joined.content).toEqual([{ type: 'text', text: 'Hello' }]);
    const annotated = new AIMessageChunk('a').concat(
      new AIMessageChunk({ content: [{ type: 'text', text: 'b', annotations: [] }] }),
    );
    expect(annotated.content).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b', annotations: [] },
    ]);
    const image = { type: 'image_url', image_url: { url: 'a.png' } };
    expect(new AIMessageChunk({ content: [image] }).concat(new AIMessageChunk('x')).content).toEqual([
      image,
      { type: 'text', text: 'x' },
    ]);
    expect(new AIMessageChunk('a').concat(new AIMessageChunk('b')).content).toBe('ab');
  });
});
