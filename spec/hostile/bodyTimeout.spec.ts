import { connect, type Socket } from 'node:net';
import { InvalidArgumentError, RunnableLambda, toFetchHandler } from 'rxchain';
import { startServer, type LocalServer } from '../support/httpServer';

let calls = 0;
const counting = RunnableLambda.from((text: string) => {
  calls += 1;
  return text;
});
let server: LocalServer | undefined;
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
beforeEach(() => {
  calls = 0;
});
afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

/** Opens a raw connection, sends the request head (and `start` of the body), and collects the answer. */
function slowClient(origin: string, start: string): { socket: Socket; answer: Promise<string> } {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  socket.write(
    `POST /invoke HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n${start}`,
  );
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  return { socket, answer };
}

function statusAndBody(raw: string): { status: number; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  // The body may come in chunked encoding: the JSON object is what lies between its braces.
  return {
    status: Number(head.split(' ')[1]),
    body: JSON.parse(body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1)) as unknown,
  };
}

describe('hostile: a client that sends its request body slowly or never (slowloris)', () => {
  it('should answer 408 with a RequestTimeoutError when nothing of the body comes (a stall before the first chunk)', async () => {
    server = await startServer(toFetchHandler(counting, { bodyIdleTimeout: 30 }));
    const { answer } = slowClient(server.origin, '');
    const { status, body } = statusAndBody(await answer);
    expect(status).toBe(408);
    expect(body).toEqual({
      error: { name: 'RequestTimeoutError', message: expect.stringContaining('bodyIdleTimeout') as string },
    });
    expect(calls).toBe(0);
  });

  it('should answer 408 when the body stops half way', async () => {
    server = await startServer(toFetchHandler(counting, { bodyIdleTimeout: 30 }));
    const { answer } = slowClient(server.origin, '{"input": "hal');
    expect(statusAndBody(await answer).status).toBe(408);
    expect(calls).toBe(0);
  });

  it('should answer 408 when the body trickles in byte by byte for longer than bodyTimeout', async () => {
    server = await startServer(toFetchHandler(counting, { bodyTimeout: 100, bodyIdleTimeout: 60_000 }));
    const { socket, answer } = slowClient(server.origin, '{');
    timers.push(setInterval(() => socket.writable && socket.write(' '), 2));
    const { status, body } = statusAndBody(await answer);
    expect(status).toBe(408);
    expect(JSON.stringify(body)).toContain('bodyTimeout');
    expect(calls).toBe(0);
  });

  it('should time out a fetch-handler request whose body stream never yields', async () => {
    const handler = toFetchHandler(counting, { bodyIdleTimeout: 20 });
    const response = await handler(
      new Request('http://localhost/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(408);
    expect(calls).toBe(0);
  });

  it('should have defaults that let an ordinary request through', async () => {
    const response = await toFetchHandler(counting)(
      new Request('http://localhost/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":"ok"}',
      }),
    );
    expect(response.status).toBe(200);
  });

  it.each([
    ['bodyTimeout', 0],
    ['bodyTimeout', 2 ** 31],
    ['bodyIdleTimeout', -5],
    ['bodyIdleTimeout', Number.NaN],
  ])('should reject %s: %p with an InvalidArgumentError', (option, value) => {
    expect(() => toFetchHandler(counting, { [option]: value })).toThrow(InvalidArgumentError);
  });
});
