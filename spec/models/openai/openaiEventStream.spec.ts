import { lastValueFrom, toArray } from 'rxjs';
import { ApiCallError, ProviderResponseError } from 'rxchain';
import { openAIStreamPayloads$, type StreamSource } from '../../../lib/models/openai/openaiEventStream.js';
import { cutBytes } from '../../support/bytes';
import { fixture } from '../../support/openaiStreams';

const source = (overrides: Partial<StreamSource> = {}): StreamSource => ({
  url: 'http://127.0.0.1/v1/chat/completions',
  status: 200,
  mask: (text) => text.split('sk-secret').join('***'),
  mayEndWithoutDone: () => false,
  ...overrides,
});

/** A body that hands out the given pieces, one per read. */
function bodyOf(pieces: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

const payloads = (pieces: readonly (string | Uint8Array)[], overrides: Partial<StreamSource> = {}) =>
  lastValueFrom(openAIStreamPayloads$(bodyOf(pieces), source(overrides)).pipe(toArray()));

describe('openAIStreamPayloads$', () => {
  it('should give the same payloads for every two-piece cut of a recorded stream', async () => {
    const bytes = fixture('text-reply');
    const whole = await payloads([bytes]);
    expect(whole).toHaveLength(7);
    for (let at = 1; at < bytes.length; at++) {
      expect(await payloads(cutBytes(bytes, [at]))).toEqual(whole);
    }
  });

  it('should read CRLF and CR line endings, comments, and data without a space', async () => {
    const result = await payloads(['data:{"a":1}\r\n\r\n: ping\r\n\r\ndata: {"b":2}\r\rdata: [DONE]\r\n\r\n']);
    expect(result).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('should stop at [DONE] without reading further', async () => {
    let pulls = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(
          encoder.encode(pulls === 1 ? 'data: {"a":1}\n\ndata: [DONE]\n\n' : 'data: {"late":true}\n\n'),
        );
      },
    });
    const result = await lastValueFrom(openAIStreamPayloads$(body, source()).pipe(toArray()));
    expect(result).toEqual([{ a: 1 }]);
  });

  it('should flush a last frame the body ends inside of, and accept the end when allowed', async () => {
    expect(await payloads(['data: {"a":1}'], { mayEndWithoutDone: () => true })).toEqual([{ a: 1 }]);
  });

  it('should fail when the body ends before [DONE] and the end is not allowed', async () => {
    await expect(payloads(['data: {"a":1}\n\n'])).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it('should name the malformed line, masking the key', async () => {
    const error = await payloads(['data: {"key": "sk-secret", oops}\n\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as ProviderResponseError).line).toBe('data: {"key": "***", oops}');
  });

  it('should raise an ApiCallError for an error object, retryable by its code', async () => {
    const error = await payloads(['data: {"error":{"message":"slow down","code":429}}\n\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ isRetryable: true, status: 200 });
    const other = await payloads(['data: {"error":{"message":"bad tool","type":"invalid_request_error"}}\n\n']).catch(
      (e: unknown) => e,
    );
    expect(other).toMatchObject({ name: 'ApiCallError', isRetryable: false });
  });

  it('should raise a retryable ApiCallError when reading the body fails', async () => {
    let reads = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        reads++;
        if (reads === 1) controller.enqueue(new TextEncoder().encode('data: {"a":1}\n\n'));
        else controller.error(new TypeError('terminated'));
      },
    });
    const seen: unknown[] = [];
    const error = await new Promise((resolve) =>
      openAIStreamPayloads$(body, source()).subscribe({ next: (p) => seen.push(p), error: resolve }),
    );
    expect(seen).toEqual([{ a: 1 }]);
    expect(error).toMatchObject({ name: 'ApiCallError', isRetryable: true });
    expect((error as Error).message).toContain('terminated');
  });

  it('should cancel the body when unsubscribed', async () => {
    let onCancel: (reason: unknown) => void = () => undefined;
    const cancelled = new Promise<unknown>((resolve) => {
      onCancel = resolve;
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"a":1}\n\n'));
      },
      cancel(reason) {
        onCancel(reason ?? 'cancelled');
      },
    });
    const subscription = openAIStreamPayloads$(body, source()).subscribe(() => subscription.unsubscribe());
    expect(await cancelled).toBe('cancelled');
  });
});
