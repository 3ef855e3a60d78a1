// These helpers are internal (not exported from 'rxchain'); AIMessageChunk builds on them.
import { addUsage, mergeToolCallChunks, parseToolCallChunks } from '../../lib/messages/toolCalls.js';

describe('toolCalls', () => {
  describe('mergeToolCallChunks', () => {
    it('should concatenate the args of fragments with the same index', () => {
      expect(mergeToolCallChunks([{ index: 0, name: 'f', args: '{"a"' }], [{ index: 0, args: ':1}' }])).toEqual([
        { index: 0, name: 'f', args: '{"a":1}' },
      ]);
    });

    it('should keep fragments of other indices as separate calls', () => {
      expect(mergeToolCallChunks([{ index: 0, args: 'a' }], [{ index: 1, args: 'b' }])).toEqual([
        { index: 0, args: 'a' },
        { index: 1, args: 'b' },
      ]);
    });

    it('should add up same-index fragments within one list too', () => {
      expect(
        mergeToolCallChunks(
          [],
          [
            { index: 0, args: 'a' },
            { index: 0, args: 'b' },
          ],
        ),
      ).toEqual([{ index: 0, args: 'ab' }]);
      expect(
        mergeToolCallChunks(
          [
            { index: 0, args: 'a' },
            { index: 0, args: 'b' },
          ],
          [],
        ),
      ).toEqual([{ index: 0, args: 'ab' }]);
    });

    it('should start args from a fragment that had none', () => {
      expect(mergeToolCallChunks([{ index: 0, name: 'f' }], [{ index: 0, args: '{}' }])).toEqual([
        { index: 0, name: 'f', args: '{}' },
      ]);
    });

    it('should copy fragments rather than mutate or share them', () => {
      const left = [Object.freeze({ index: 0, args: 'a' })];
      const right = [Object.freeze({ index: 0, args: 'b' })];
      const merged = mergeToolCallChunks(left, right);
      expect(merged[0]).not.toBe(left[0]);
      expect(left).toEqual([{ index: 0, args: 'a' }]);
      expect(mergeToolCallChunks(left, [])[0]).not.toBe(left[0]);
    });
  });

  describe('addUsage', () => {
    it('should add each count', () => {
      expect(
        addUsage(
          { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
          { input_tokens: 10, output_tokens: 20, total_tokens: 30 },
        ),
      ).toEqual({ input_tokens: 11, output_tokens: 22, total_tokens: 33 });
    });

    it('should return the defined side when the other is undefined', () => {
      const usage = { input_tokens: 1, output_tokens: 2, total_tokens: 3 };
      expect(addUsage(undefined, usage)).toBe(usage);
      expect(addUsage(usage, undefined)).toBe(usage);
      expect(addUsage(undefined, undefined)).toBeUndefined();
    });
  });

  describe('parseToolCallChunks', () => {
    it('should split fragments into parsed calls and invalid ones, in order', () => {
      const { toolCalls, invalidToolCalls } = parseToolCallChunks([
        { index: 0, name: 'ok', args: '{"a":1}', id: 'c1' },
        { index: 1, name: 'bad', args: '{"a":', id: 'c2' },
        { index: 2, args: '{}' },
      ]);
      expect(toolCalls).toEqual([
        { name: 'ok', args: { a: 1 }, id: 'c1', type: 'tool_call' },
        { name: '', args: {}, id: undefined, type: 'tool_call' },
      ]);
      expect(invalidToolCalls).toEqual([
        { name: 'bad', args: '{"a":', id: 'c2', error: expect.any(String), type: 'invalid_tool_call' },
      ]);
    });

    it('should treat null and string JSON as invalid arguments', () => {
      const { toolCalls, invalidToolCalls } = parseToolCallChunks([{ args: 'null' }, { args: '"x"' }]);
      expect(toolCalls).toEqual([]);
      expect(invalidToolCalls.map((c) => c.args)).toEqual(['null', '"x"']);
    });

    it('should parse whitespace-only args as an empty object', () => {
      expect(parseToolCallChunks([{ name: 'f', args: '  ' }]).toolCalls[0]?.args).toEqual({});
    });
  });
});
