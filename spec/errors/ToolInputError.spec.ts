import { z } from 'zod';
import { RxchainError, ToolInputError } from 'rxchain';

describe('ToolInputError', () => {
  it('should be an RxchainError with a fixed name', () => {
    const error = new ToolInputError('add', [{ path: ['a'], message: 'expected number' }]);
    expect(error).toBeInstanceOf(RxchainError);
    expect(error.name).toBe('ToolInputError');
    expect(String(error)).toMatch(/^ToolInputError: /);
  });

  it('should name the tool, list every issue with its path, and say how to fix it', () => {
    const error = new ToolInputError('search', [
      { path: ['query'], message: 'Required' },
      { path: ['filters', 0, 'field'], message: 'Expected string' },
      { path: [], message: 'Unrecognized key: "limit"' },
    ]);
    expect(error.toolName).toBe('search');
    expect(error.issues).toHaveLength(3);
    expect(error.message).toBe(
      'Invalid input for tool "search": query: Required; filters.0.field: Expected string; Unrecognized key: "limit". ' +
        'Call it with arguments that match its schema, or with a tool call { name, args, id, type: "tool_call" }.',
    );
  });

  it("should take zod's issues as they are and keep zod's error as the cause", () => {
    const result = z.object({ a: z.number() }).safeParse({ a: 'x' });
    if (result.success) throw new Error('expected a failure');
    const error = new ToolInputError('t', result.error.issues, { cause: result.error });
    expect(error.issues[0]?.path).toEqual(['a']);
    expect(error.message).toContain('a: Invalid input: expected number, received string');
    expect(error.cause).toBe(result.error);
  });

  it('should still read well without issues', () => {
    expect(new ToolInputError('t', []).message).toMatch(/^Invalid input for tool "t": the input was rejected\. /);
  });
});
