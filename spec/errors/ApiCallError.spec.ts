import { ApiCallError, RxchainError } from 'rxchain';

describe('ApiCallError', () => {
  const error = new ApiCallError({
    url: 'http://127.0.0.1:1/v1/chat/completions',
    status: 503,
    responseBody: 'busy',
    isRetryable: true,
    retryAfter: 2,
    problem: 'HTTP 503: busy.',
    hint: 'Retry later.',
    cause: 'root',
  });

  it('should have a fixed name and be an RxchainError', () => {
    expect(error.name).toBe('ApiCallError');
    expect(error).toBeInstanceOf(RxchainError);
    expect(String(error)).toMatch(/^ApiCallError: /);
  });

  it('should say what failed and how to fix it, with one full stop between', () => {
    expect(error.message).toBe('POST http://127.0.0.1:1/v1/chat/completions failed: HTTP 503: busy. Retry later.');
  });

  it('should carry its fields and cause', () => {
    expect(error).toMatchObject({ status: 503, responseBody: 'busy', isRetryable: true, retryAfter: 2, cause: 'root' });
    const bare = new ApiCallError({ url: 'u', isRetryable: false, problem: 'p' });
    expect(bare).toMatchObject({ status: undefined, responseBody: undefined, retryAfter: undefined });
    expect(bare.message).toBe('POST u failed: p.');
  });
});
