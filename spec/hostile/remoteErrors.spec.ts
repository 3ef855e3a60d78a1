import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, RemoteCallError, RemoteRunnable, ResponseLimitError } from 'rxchain';

/** A server on 127.0.0.1 that answers every request with `answer`. */
async function misbehaving(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function remoteAgainst(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  options: Partial<ConstructorParameters<typeof RemoteRunnable>[0]> = {},
): Promise<RemoteRunnable<string, string>> {
  const server = await misbehaving(answer);
  close = server.close;
  return new RemoteRunnable<string, string>({ url: server.url, resumeAttempts: 0, ...options });
}

const SSE = { 'content-type': 'text/event-stream' };
const JSON_TYPE = { 'content-type': 'application/json' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

async function streamAll(remote: RemoteRunnable<string, string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of await remote.stream('x')) chunks.push(chunk);
  return chunks;
}

async function eventsAll(remote: RemoteRunnable<string, string>): Promise<number> {
  let count = 0;
  for await (const event of remote.streamEvents('x', { version: 'v2' })) {
    void event;
    count += 1;
  }
  return count;
}

describe('hostile: RemoteRunnable reading what a server sends', () => {
  describe('size limits', () => {
    it('should refuse an /invoke answer over 10 MiB with a ResponseLimitError', async () => {
      const big = `{"output":"${'x'.repeat(10 * 1024 * 1024)}"}`;
      const remote = await remoteAgainst((_req, res) => res.writeHead(200, JSON_TYPE).end(big));
      const error = await failure(remote.invoke('x'));
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect((error as ResponseLimitError).part).toBe('the response body');
      expect((error as ResponseLimitError).limit).toBe(10 * 1024 * 1024);
    });

    it('should take maxResponseBytes as an option', async () => {
      const remote = await remoteAgainst(
        (_req, res) => res.writeHead(200, JSON_TYPE).end(`{"output":"${'x'.repeat(2000)}"}`),
        {
          limits: { maxResponseBytes: 1000 },
        },
      );
      const error = await failure(remote.invoke('x'));
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect((error as ResponseLimitError).limit).toBe(1000);
    });

    it.each(['stream', 'stream_events'])('should refuse an SSE line over 1 MiB on /%s', async (route) => {
      const remote = await remoteAgainst((_req, res) => {
        res.writeHead(200, SSE);
        res.write(`event: data\ndata: "${'x'.repeat(1024 * 1024 + 10)}`);
      });
      const error = await failure(route === 'stream' ? streamAll(remote) : eventsAll(remote));
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect((error as ResponseLimitError).part).toBe('an SSE line');
      expect((error as ResponseLimitError).limit).toBe(1024 * 1024);
    });

    it('should keep at most 64 KiB of an error body', async () => {
      const remote = await remoteAgainst((_req, res) =>
        res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>${'x'.repeat(1024 * 1024)}</html>`),
      );
      const error = await failure(remote.invoke('x'));
      expect(error).toBeInstanceOf(ResponseLimitError);
      expect((error as ResponseLimitError).part).toBe('the error body');
      expect((error as ResponseLimitError).limit).toBe(64 * 1024);
      expect((error as ResponseLimitError).status).toBe(502);
      expect((error as ResponseLimitError).isRetryable).toBe(true);
    });

    it('should reject a limit that is not a positive integer', () => {
      expect(() => new RemoteRunnable({ url: 'http://127.0.0.1:1', limits: { maxLineChars: 0 } })).toThrow(
        InvalidArgumentError,
      );
    });
  });

  describe('errors are always named', () => {
    it('should fail with a RemoteCallError (cause kept) when the connection is cut mid-stream', async () => {
      const remote = await remoteAgainst((_req, res) => {
        res.writeHead(200, SSE);
        res.write('event: data\ndata: "a"\n\nevent: da', () => res.destroy());
      });
      const error = await failure(streamAll(remote));
      expect(error).toBeInstanceOf(RemoteCallError);
      // The platform's own error (a TypeError of another realm), kept as the cause.
      expect(((error as RemoteCallError).cause as Error).name).toBe('TypeError');
      expect((error as RemoteCallError).isRetryable).toBe(true);
      expect((error as RemoteCallError).message).toContain('cut');
    });

    it('should fail /stream_events with a RemoteCallError when the connection is cut', async () => {
      const remote = await remoteAgainst((_req, res) => {
        res.writeHead(200, SSE);
        res.write('event: da', () => res.destroy());
      });
      expect(await failure(eventsAll(remote))).toBeInstanceOf(RemoteCallError);
    });

    it('should fail /invoke with a RemoteCallError when the connection is cut mid-body', async () => {
      const remote = await remoteAgainst((_req, res) => {
        res.writeHead(200, { ...JSON_TYPE, 'content-length': '100' });
        res.write('{"output": "abc', () => res.destroy());
      });
      const error = await failure(remote.invoke('x'));
      expect(error).toBeInstanceOf(RemoteCallError);
      // The platform's own error (a TypeError of another realm), kept as the cause.
      expect(((error as RemoteCallError).cause as Error).name).toBe('TypeError');
    });

    it('should fail with a RemoteCallError carrying a bounded excerpt when /invoke answers HTML', async () => {
      const page = `<!doctype html><html><body>${'Welcome to the proxy. '.repeat(500)}</body></html>`;
      const remote = await remoteAgainst((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
      const error = await failure(remote.invoke('x'));
      expect(error).toBeInstanceOf(RemoteCallError);
      const { message, responseBody, status } = error as RemoteCallError;
      expect(status).toBe(200);
      expect(message).toContain('not JSON');
      expect(message).toContain('<!doctype html>');
      expect(message.length).toBeLessThan(600);
      expect((responseBody ?? '').length).toBeLessThanOrEqual(1000);
    });

    it('should fail with a RemoteCallError when the /invoke body is truncated JSON', async () => {
      const remote = await remoteAgainst((_req, res) => res.writeHead(200, JSON_TYPE).end('{"output": "abc'));
      expect(await failure(remote.invoke('x'))).toBeInstanceOf(RemoteCallError);
    });

    it.each(['{"result": "abc"}', '[1]', 'null', '{}'])(
      'should fail with a RemoteCallError when a 200 carries no output: %s',
      async (body) => {
        const remote = await remoteAgainst((_req, res) => res.writeHead(200, JSON_TYPE).end(body));
        const error = await failure(remote.invoke('x'));
        expect(error).toBeInstanceOf(RemoteCallError);
        expect((error as RemoteCallError).message).toContain('output');
      },
    );

    it('should still resolve an output of null', async () => {
      const remote = await remoteAgainst((_req, res) => res.writeHead(200, JSON_TYPE).end('{"output": null}'));
      expect(await remote.invoke('x')).toBeNull();
    });
  });
});
