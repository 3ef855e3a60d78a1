import {
  AbortError,
  isRetryableError,
  MissingPromptVariableError,
  OutputParserError,
  RxchainError,
  TimeoutError,
} from 'rxchain';

describe('isRetryableError', () => {
  it('should follow an error own isRetryable flag', () => {
    expect(isRetryableError(Object.assign(new Error('429'), { isRetryable: true }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('400'), { isRetryable: false }))).toBe(false);
    expect(isRetryableError(new TimeoutError('m', 1))).toBe(true);
    expect(isRetryableError(new OutputParserError('bad', 'x'))).toBe(true);
    expect(isRetryableError(new MissingPromptVariableError('x', []))).toBe(false);
  });

  it('should never retry an abort, the platform DOMException included', () => {
    expect(isRetryableError(new AbortError())).toBe(false);
    expect(isRetryableError(new DOMException('The operation was aborted.', 'AbortError'))).toBe(false);
  });

  it('should retry anything else: unknown errors, plain values, errors with a non-boolean flag', () => {
    expect(isRetryableError(new Error('socket hang up'))).toBe(true);
    expect(isRetryableError(new RxchainError('generic'))).toBe(true);
    expect(isRetryableError('a string')).toBe(true);
    expect(isRetryableError(undefined)).toBe(true);
    expect(isRetryableError(Object.assign(new Error('odd'), { isRetryable: 'no' }))).toBe(true);
  });
});
