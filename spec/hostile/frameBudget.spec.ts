import { Subject, switchMap } from 'rxjs';
import { BufferOverflowError, InvalidArgumentError, RunnableLambda, toFetchHandler } from 'rxchain';

const KiB = 1024;
const streams: Record<string, Subject<string>> = { a: new Subject<string>(), b: new Subject<string>() };
/** Streams whatever the test pushes into the subject its input names. */
const remote = RunnableLambda.fromOperator((input$: import('rxjs').Observable<string>) =>
  input$.pipe(switchMap((key) => streams[key] as Subject<string>)),
);

function start(handler: (request: Request) => Promise<Response>, key: string): Promise<Response> {
  return handler(
    new Request('http://localhost/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: key }),
    }),
  );
}

async function rest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

describe('hostile: many slow clients together', () => {
  it('should cut off the connection holding the most when all of them together pass maxBufferedBytes', async () => {
    const errors: unknown[] = [];
    const handler = toFetchHandler(remote, {
      heartbeatInterval: 0,
      highWaterMark: 1024 * KiB,
      maxBufferedBytes: 64 * KiB,
      onError: (error) => errors.push(error),
    });
    const a = (await start(handler, 'a')).body!.getReader();
    const b = (await start(handler, 'b')).body!.getReader();
    // The first read starts each run (and gets its metadata frame); then neither client reads.
    await a.read();
    await b.read();
    streams['a']!.next('a'.repeat(40 * KiB));
    streams['b']!.next('b'.repeat(10 * KiB));
    expect(errors).toEqual([]);
    streams['b']!.next('b'.repeat(20 * KiB));
    // 70 KiB held together: a, which holds 40 of them, is cut off; b goes on.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(BufferOverflowError);
    expect((errors[0] as BufferOverflowError).limit).toBe(64 * KiB);
    expect(handler.openRuns).toBe(1);
    const aText = await rest(a);
    expect(aText).toMatch(
      /event: error\ndata: \{"name":"BufferOverflowError","message":"The server's server-sent-events responses together buffered more than 65536 bytes/,
    );
    expect(aText).not.toContain('aaaa');
    streams['b']!.complete();
    const bText = await rest(b);
    expect(bText).toContain('b'.repeat(20 * KiB));
    expect(bText.endsWith('event: end\n\n')).toBe(true);
  });

  it('should reject a maxBufferedBytes that is not a positive integer', () => {
    expect(() => toFetchHandler(remote, { maxBufferedBytes: 0 })).toThrow(InvalidArgumentError);
  });
});
