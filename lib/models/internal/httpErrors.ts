/** Whether a retry may help after this status: timeouts, conflicts, rate limits, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The `error.message` of a provider's JSON error body (OpenAI's and Anthropic's shapes), if it has one. */
export function providerMessage(body: string): string | undefined {
  try {
    return errorMessageOf(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/** The message of an error value: `{ error: { message } }`, `{ error: "..." }`, `{ message }`. */
export function errorMessageOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? value : undefined;
  const record = value as Record<string, unknown>;
  if ('error' in record) return errorMessageOf(record['error']);
  return typeof record['message'] === 'string' ? record['message'] : undefined;
}

/** A short description of a thrown value, with its cause (fetch hides the socket error there). */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  return cause instanceof Error && cause.message !== '' ? `${error.message}: ${cause.message}` : error.message;
}

/** `text` cut to 200 characters, for error messages. */
export function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
