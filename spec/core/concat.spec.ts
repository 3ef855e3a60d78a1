import fc from 'fast-check';
import { AIMessage, AIMessageChunk, HumanMessage, concat, type ToolCallChunk, type UsageMetadata } from 'rxchain';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('concat', () => {
  describe('strings', () => {
    it('should join two strings', () => {
      expect(concat('Hel', 'lo')).toBe('Hello');
    });

    it('should treat the empty string as a neutral element', () => {
      expect(concat('', 'a')).toBe('a');
      expect(concat('a', '')).toBe('a');
    });
  });

  describe('arrays', () => {
    it('should join two arrays in order', () => {
      expect(concat([1, 2], [3])).toEqual([1, 2, 3]);
    });

    it('should return a new array and leave both arguments unchanged', () => {
      const a = deepFreeze([1]);
      const b = deepFreeze([2]);
      const result = concat<number[]>(a, b);
      expect(result).not.toBe(a);
      expect(a).toEqual([1]);
      expect(b).toEqual([2]);
    });
  });

  describe('message chunks', () => {
    it('should delegate to AIMessageChunk#concat', () => {
      const result = concat(new AIMessageChunk('Hel'), new AIMessageChunk('lo'));
      expect(result).toBeInstanceOf(AIMessageChunk);
      expect(result.content).toBe('Hello');
    });

    it('should let the later value win when a chunk is followed by a message that is not a chunk', () => {
      const later = new AIMessage('whole');
      expect(concat<AIMessage>(new AIMessageChunk('part'), later)).toBe(later);
      const human = new HumanMessage('hi');
      expect(concat<unknown>(new AIMessageChunk('part'), human)).toBe(human);
    });

    it('should let the later value win for two messages that cannot concat', () => {
      const later = new HumanMessage('b');
      expect(concat(new HumanMessage('a'), later)).toBe(later);
    });
  });

  describe('plain objects', () => {
    it('should add up the per-key pieces of a RunnableMap', () => {
      expect(concat<Record<string, string>>({ context: 'docs' }, { question: 'why?' })).toEqual({
        context: 'docs',
        question: 'why?',
      });
    });

    it('should concat the values of keys both objects have', () => {
      expect(concat<Record<string, unknown>>({ text: 'Hel', list: [1] }, { text: 'lo', list: [2] })).toEqual({
        text: 'Hello',
        list: [1, 2],
      });
    });

    it('should merge nested objects key by key', () => {
      expect(concat<Record<string, unknown>>({ a: { b: 'x' } }, { a: { b: 'y', c: 1 } })).toEqual({
        a: { b: 'xy', c: 1 },
      });
    });

    it('should concat message chunks held under a key', () => {
      const result = concat({ answer: new AIMessageChunk('Hi') }, { answer: new AIMessageChunk(' there') });
      expect(result.answer.content).toBe('Hi there');
    });

    it('should take the later value for a key whose earlier value is undefined', () => {
      expect(concat<Record<string, unknown>>({ a: undefined }, { a: 'x' })).toEqual({ a: 'x' });
    });

    it('should treat objects without a prototype as plain objects', () => {
      const a = Object.assign(Object.create(null) as Record<string, unknown>, { x: 'a' });
      expect(concat<Record<string, unknown>>(a, { x: 'b' })).toEqual({ x: 'ab' });
    });

    it('should keep a "__proto__" key as a key instead of replacing the prototype', () => {
      const b = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
      const result = concat<Record<string, unknown>>({ a: 1 }, b);
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(Object.keys(result)).toEqual(['a', '__proto__']);
      expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it('should mutate neither argument, however deep', () => {
      const a = deepFreeze({ text: 'a', nested: { list: [1], text: 'x' } });
      const b = deepFreeze({ text: 'b', nested: { list: [2], text: 'y' }, extra: true });
      const result = concat<Record<string, unknown>>(a, b);
      expect(result).toEqual({ text: 'ab', nested: { list: [1, 2], text: 'xy' }, extra: true });
      expect(a).toEqual({ text: 'a', nested: { list: [1], text: 'x' } });
      expect(b).toEqual({ text: 'b', nested: { list: [2], text: 'y' }, extra: true });
    });
  });

  describe('anything else', () => {
    it('should let the later number win', () => {
      expect(concat(1, 2)).toBe(2);
    });

    it('should let the later value win when the types differ', () => {
      expect(concat<unknown>('a', 1)).toBe(1);
      expect(concat<unknown>(1, 'a')).toBe('a');
      expect(concat<unknown>([1], 'a')).toBe('a');
    });

    it('should not append an object to an array', () => {
      const later = { x: 1 };
      expect(concat<unknown>([1], later)).toBe(later);
    });

    it('should let a later null or undefined win', () => {
      expect(concat<unknown>('a', null)).toBeNull();
      expect(concat<unknown>('a', undefined)).toBeUndefined();
    });

    it('should let the later Date win', () => {
      const later = new Date(1);
      expect(concat(new Date(0), later)).toBe(later);
    });
  });

  describe('properties', () => {
    it('should be associative on strings', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
          expect(concat(concat(a, b), c)).toBe(concat(a, concat(b, c)));
        }),
      );
    });

    const usage: fc.Arbitrary<UsageMetadata | undefined> = fc.option(
      fc.record({ input_tokens: fc.nat(1000), output_tokens: fc.nat(1000), total_tokens: fc.nat(2000) }),
      { nil: undefined },
    );
    const toolCallChunk: fc.Arbitrary<ToolCallChunk> = fc.record({
      index: fc.integer({ min: 0, max: 2 }),
      args: fc.string({ maxLength: 4 }),
      name: fc.option(fc.constantFrom('search', 'add'), { nil: undefined }),
      id: fc.option(fc.constantFrom('call_1', 'call_2'), { nil: undefined }),
    });
    const chunk: fc.Arbitrary<AIMessageChunk> = fc
      .record({
        content: fc.string({ maxLength: 6 }),
        tool_call_chunks: fc.array(toolCallChunk, { maxLength: 2 }),
        usage_metadata: usage,
      })
      .map((fields) => new AIMessageChunk(fields));

    it('should be associative on AIMessageChunk content, tool-call chunks and usage', () => {
      fc.assert(
        fc.property(chunk, chunk, chunk, (a, b, c) => {
          const left = concat(concat(a, b), c);
          const right = concat(a, concat(b, c));
          expect(left.content).toEqual(right.content);
          expect(left.tool_call_chunks).toEqual(right.tool_call_chunks);
          expect(left.usage_metadata).toEqual(right.usage_metadata);
          expect(left.tool_calls).toEqual(right.tool_calls);
        }),
      );
    });
  });
});
