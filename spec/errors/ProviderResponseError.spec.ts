import { ProviderResponseError, RxchainError } from 'rxchain';

describe('ProviderResponseError', () => {
  it('should have a fixed name and be an RxchainError', () => {
    const error = new ProviderResponseError('u', 'bad');
    expect(error.name).toBe('ProviderResponseError');
    expect(error).toBeInstanceOf(RxchainError);
  });

  it('should name the offending line, clipped, with the default advice', () => {
    const error = new ProviderResponseError(
      'http://h/v1/chat/completions',
      'a data line is not JSON',
      `data: {${'x'.repeat(400)}`,
    );
    expect(error.line).toHaveLength(407);
    expect(error.message).toMatch(
      /^Unexpected response from http:\/\/h\/v1\/chat\/completions: a data line is not JSON: "data: \{x+…"\. /,
    );
    expect(error.message).toContain('check baseURL');
  });

  it('should take a hint and a cause', () => {
    const cause = new SyntaxError('Unexpected token');
    const error = new ProviderResponseError('u', 'cut short', undefined, { cause, hint: 'Retry.' });
    expect(error.message).toBe('Unexpected response from u: cut short. Retry.');
    expect(error.cause).toBe(cause);
  });
});
