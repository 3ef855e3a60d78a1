import { connect, type Socket } from 'node:net';
import { BufferOverflowError, toFetchHandler, type FetchHandler } from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { startServer, type LocalServer } from '../support/httpServer';
import { retainedBytes, until } from './memory';

let server: LocalServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

/** Sends a POST of `body` over a raw socket and never reads the answer. */
function neverReading(origin: string, path: string, body: string): Socket {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  socket.pause();
  socket.write(
    `POST ${path} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  sockets.push(socket);
  return socket;
}

describe('hostile: a client that never reads an SSE answer', () => {
  it('should keep the server within 2 MiB and cancel the run with a BufferOverflowError', async () => {
    const errors: unknown[] = [];
    const model = new FakeListChatModel({ responses: ['x'.repeat(100_000)] });
    const handler: FetchHandler = toFetchHandler(model, {
      heartbeatInterval: 0,
      onError: (error) => errors.push(error),
    });
    server = await startServer(handler);
    const body = JSON.stringify({ input: 'go' });
    // Warm up the code paths once, then measure.
    const warm = await fetch(`${server.origin}/stream_events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await warm.text();
    const before = retainedBytes();
    neverReading(server.origin, '/stream_events', body);
    await until(() => handler.openRuns === 0);
    const grown = retainedBytes() - before;
    expect(errors[0]).toBeInstanceOf(BufferOverflowError);
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });

  it('should send the overflow as a named error frame to a client that reads late', async () => {
    const model = new FakeListChatModel({ responses: ['x'.repeat(20_000)] });
    const handler = toFetchHandler(model, { heartbeatInterval: 0, highWaterMark: 64 * 1024 });
    const response = await handler(
      new Request('http://localhost/stream_events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: 'go' }),
      }),
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await until(() => handler.openRuns === 0);
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const frames = text.split('\n\n').filter((frame) => frame !== '');
    const last = frames[frames.length - 1] as string;
    expect(last.startsWith('event: error\ndata: ')).toBe(true);
    expect(JSON.parse(last.slice('event: error\ndata: '.length))).toEqual({
      name: 'BufferOverflowError',
      message: expect.stringContaining('65536 bytes') as string,
    });
    expect(text).not.toContain('on_chat_model_end');
  });
});
