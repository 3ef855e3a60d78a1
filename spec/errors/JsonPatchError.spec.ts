import { JsonPatchError, RxchainError } from 'rxchain';

describe('JsonPatchError', () => {
  it('should have a fixed name, be an RxchainError, and carry the failing operation', () => {
    const operation = { op: 'remove', path: '/a' };
    const error = new JsonPatchError('"/a" does not exist, so it cannot be removed.', 3, operation, '/a');
    expect(error.name).toBe('JsonPatchError');
    expect(error).toBeInstanceOf(RxchainError);
    expect(error.stack).toEqual(expect.any(String));
    expect(error.message).toBe(
      'Cannot apply JSON Patch operation 3 (remove at "/a"): "/a" does not exist, so it cannot be removed.',
    );
    expect([error.index, error.operation, error.path]).toEqual([3, operation, '/a']);
  });

  it('should describe an operation that is not an object, or has no op or path', () => {
    expect(new JsonPatchError('bad.', 0, null, undefined).message).toBe(
      'Cannot apply JSON Patch operation 0 (null): bad.',
    );
    expect(new JsonPatchError('bad.', 1, {}, undefined).message).toBe(
      'Cannot apply JSON Patch operation 1 (? at ?): bad.',
    );
  });
});
