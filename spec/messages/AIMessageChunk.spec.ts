import { AIMessage, AIMessageChunk, type ToolCallChunk } from 'rxchain';

const fragment = (fields: ToolCallChunk): ToolCallChunk => ({ type: 'tool_call_chunk', ...fields });

describe('AIMessageChunk', () => {
  describe('constructor', () => {
    it('should be an AIMessage of type ai with no fragments by default', () => {
      const chunk = new AIMessageChunk('Hel');
      expect(chunk).toBeInstanceOf(AIMessage);
      expect(chunk.type).toBe('ai');
      expect(chunk.content).toBe('Hel');
      expect(chunk.tool_call_chunks).toEqual([]);
      expect(chunk.tool_calls).toEqual([]);
    });

    it('should keep the fields it is given', () => {
      const chunk = new AIMessageChunk({
        content: 'x',
        id: 'msg-1',
        name: 'bot',
        usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
        tool_call_chunks: [fragment({ index: 0, name: 'add', args: '{}' })],
      });
      expect(chunk).toMatchObject({ id: 'msg-1', name: 'bot', usage_metadata: { total_tokens: 2 } });
      expect(chunk.tool_call_chunks).toHaveLength(1);
    });
  });

  describe('tool_calls', () => {
    it('should parse fragments whose arguments are a complete JSON object', () => {
      const chunk = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'add', args: '{"a":1,"b":2}', id: 'c1' })],
      });
      expect(chunk.tool_calls).toEqual([{ name: 'add', args: { a: 1, b: 2 }, id: 'c1', type: 'tool_call' }]);
      expect(chunk.invalid_tool_calls).toEqual([]);
    });

    it('should treat empty arguments as an empty object', () => {
      const chunk = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'now', args: '' })],
      });
      expect(chunk.tool_calls).toEqual([{ name: 'now', args: {}, id: undefined, type: 'tool_call' }]);
    });

    it('should report incomplete arguments as an invalid tool call', () => {
      const chunk = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'add', args: '{"a":', id: 'c1' })],
      });
      expect(chunk.tool_calls).toEqual([]);
      expect(chunk.invalid_tool_calls).toEqual([
        expect.objectContaining({
          name: 'add',
          args: '{"a":',
          id: 'c1',
          type: 'invalid_tool_call',
          error: expect.any(String),
        }),
      ]);
    });

    it('should report arguments that are JSON but not an object as invalid', () => {
      const chunk = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'f', args: '[1]' })],
      });
      expect(chunk.tool_calls).toEqual([]);
      expect(chunk.invalid_tool_calls[0]?.error).toMatch(/not a JSON object/);
    });
  });

  describe('concat', () => {
    it('should join string content', () => {
      expect(new AIMessageChunk('Hel').concat(new AIMessageChunk('lo')).content).toBe('Hello');
    });

    it('should turn string content into a text part when the other side is a list of parts', () => {
      const image = { type: 'image_url', image_url: 'u' };
      const result = new AIMessageChunk('See ').concat(new AIMessageChunk({ content: [image] }));
      expect(result.content).toEqual([{ type: 'text', text: 'See ' }, image]);
      expect(result.text).toBe('See ');
    });

    it('should drop an empty string next to a list of parts', () => {
      const image = { type: 'image_url', image_url: 'u' };
      expect(new AIMessageChunk('').concat(new AIMessageChunk({ content: [image] })).content).toEqual([image]);
      expect(new AIMessageChunk({ content: [image] }).concat(new AIMessageChunk('')).content).toEqual([image]);
    });

    it('should merge tool-call fragments by index', () => {
      const first = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'search', id: 'call_1', args: '{"q":' })],
      });
      const second = new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ index: 0, args: '"cats"}' })] });
      const whole = first.concat(second);
      expect(whole.tool_call_chunks).toEqual([
        { index: 0, name: 'search', id: 'call_1', args: '{"q":"cats"}', type: 'tool_call_chunk' },
      ]);
      expect(whole.tool_calls).toEqual([{ name: 'search', args: { q: 'cats' }, id: 'call_1', type: 'tool_call' }]);
    });

    it('should keep fragments of different indices apart, in order of first appearance', () => {
      const whole = [
        new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ index: 0, name: 'a', args: '{"x"' })] }),
        new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ index: 1, name: 'b', args: '{}' })] }),
        new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ index: 0, args: ':1}' })] }),
      ].reduce((a, b) => a.concat(b));
      expect(whole.tool_calls.map((call) => [call.name, call.args])).toEqual([
        ['a', { x: 1 }],
        ['b', {}],
      ]);
    });

    it('should append fragments that have no index', () => {
      const whole = new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ name: 'a', args: '{}' })] }).concat(
        new AIMessageChunk({ content: '', tool_call_chunks: [fragment({ name: 'b', args: '{}' })] }),
      );
      expect(whole.tool_call_chunks.map((c) => c.name)).toEqual(['a', 'b']);
    });

    it('should take the name and id from the first fragment that has them', () => {
      const whole = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: '', args: '' })],
      }).concat(
        new AIMessageChunk({
          content: '',
          tool_call_chunks: [fragment({ index: 0, name: 'late', id: 'c9', args: '{}' })],
        }),
      );
      expect(whole.tool_call_chunks[0]).toMatchObject({ name: 'late', id: 'c9' });
    });

    it('should add up fragments of one index that arrive in a single chunk', () => {
      const single = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'f', args: '{"a":' }), fragment({ index: 0, args: '1}' })],
      });
      expect(new AIMessageChunk('').concat(single).tool_calls).toEqual([
        { name: 'f', args: { a: 1 }, id: undefined, type: 'tool_call' },
      ]);
      expect(single.concat(new AIMessageChunk('')).tool_calls).toEqual([
        { name: 'f', args: { a: 1 }, id: undefined, type: 'tool_call' },
      ]);
    });

    it('should add token counts', () => {
      const whole = new AIMessageChunk({
        content: '',
        usage_metadata: { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
      }).concat(
        new AIMessageChunk({ content: '', usage_metadata: { input_tokens: 0, output_tokens: 2, total_tokens: 2 } }),
      );
      expect(whole.usage_metadata).toEqual({ input_tokens: 5, output_tokens: 3, total_tokens: 8 });
    });

    it('should keep the token counts of the side that has them', () => {
      const usage = { input_tokens: 1, output_tokens: 2, total_tokens: 3 };
      expect(
        new AIMessageChunk('a').concat(new AIMessageChunk({ content: 'b', usage_metadata: usage })).usage_metadata,
      ).toEqual(usage);
      expect(
        new AIMessageChunk({ content: 'a', usage_metadata: usage }).concat(new AIMessageChunk('b')).usage_metadata,
      ).toEqual(usage);
      expect(new AIMessageChunk('a').concat(new AIMessageChunk('b')).usage_metadata).toBeUndefined();
    });

    it('should merge metadata deeply, the later scalar winning and a later null ignored', () => {
      const whole = new AIMessageChunk({
        content: '',
        response_metadata: { model: 'm', finish_reason: null, nested: { a: 1 } },
        additional_kwargs: { k: 1 },
      }).concat(
        new AIMessageChunk({
          content: '',
          response_metadata: { finish_reason: 'stop', model: null, nested: { b: 2 } },
          additional_kwargs: { k: 2 },
        }),
      );
      expect(whole.response_metadata).toEqual({ model: 'm', finish_reason: 'stop', nested: { a: 1, b: 2 } });
      expect(whole.additional_kwargs).toEqual({ k: 2 });
    });

    it('should keep the first id', () => {
      expect(new AIMessageChunk({ content: '', id: 'a' }).concat(new AIMessageChunk({ content: '', id: 'b' })).id).toBe(
        'a',
      );
      expect(new AIMessageChunk('').concat(new AIMessageChunk({ content: '', id: 'b' })).id).toBe('b');
      expect(new AIMessageChunk({ content: '', id: '' }).concat(new AIMessageChunk({ content: '', id: 'b' })).id).toBe(
        'b',
      );
    });

    it('should prefer a provider id over a run- id', () => {
      expect(
        new AIMessageChunk({ content: '', id: 'run-1' }).concat(new AIMessageChunk({ content: '', id: 'chatcmpl-9' }))
          .id,
      ).toBe('chatcmpl-9');
      expect(
        new AIMessageChunk({ content: '', id: 'chatcmpl-9' }).concat(new AIMessageChunk({ content: '', id: 'run-1' }))
          .id,
      ).toBe('chatcmpl-9');
    });

    it('should keep the first name', () => {
      expect(
        new AIMessageChunk({ content: '', name: 'a' }).concat(new AIMessageChunk({ content: '', name: 'b' })).name,
      ).toBe('a');
      expect(new AIMessageChunk('').concat(new AIMessageChunk({ content: '', name: 'b' })).name).toBe('b');
    });

    it('should return a new chunk and change neither side', () => {
      const left = new AIMessageChunk({
        content: 'a',
        tool_call_chunks: [fragment({ index: 0, name: 'f', args: '{' })],
        response_metadata: { x: { y: 1 } },
        usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
      });
      const right = new AIMessageChunk({
        content: 'b',
        tool_call_chunks: [fragment({ index: 0, args: '}' })],
        response_metadata: { x: { z: 2 } },
        usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
      });
      const before = [JSON.stringify(left), JSON.stringify(right)];
      const whole = left.concat(right);
      expect(whole).not.toBe(left);
      expect(whole).not.toBe(right);
      expect([JSON.stringify(left), JSON.stringify(right)]).toEqual(before);
      expect(left.tool_calls).toEqual([]);
      expect(whole.tool_calls).toHaveLength(1);
    });
  });

  describe('toJSON', () => {
    it('should name the type AIMessageChunk and include fragments and parsed calls', () => {
      const json = new AIMessageChunk({
        content: '',
        tool_call_chunks: [fragment({ index: 0, name: 'f', args: '{"a":1}', id: 'c1' })],
      }).toJSON();
      expect(json).toEqual({
        type: 'AIMessageChunk',
        content: '',
        tool_calls: [{ name: 'f', args: { a: 1 }, id: 'c1', type: 'tool_call' }],
        tool_call_chunks: [{ index: 0, name: 'f', args: '{"a":1}', id: 'c1', type: 'tool_call_chunk' }],
      });
    });

    it('should leave out fragments when there are none', () => {
      expect(new AIMessageChunk('x').toJSON()).toEqual({ type: 'AIMessageChunk', content: 'x' });
    });
  });
});
