import { request as httpRequest } from 'node:http';
import { startServer, type LocalServer } from '../support/httpServer';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A promise and the function that resolves it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('toNodeHandler', () => {
  it('should hand the handler a Request with the method, URL, headers and body', async () => {
    const seen: unknown[] = [];
    server = await startServer(async (request) => {
      seen.push([
        request.method,
        new URL(request.url).pathname + new URL(request.url).search,
        request.headers.get('x-test'),
        await request.text(),
      ]);
      return new Response('ok');
    });
    const response = await fetch(`${server.origin}/a/b?c=1`, {
      method: 'PUT',
      headers: { 'x-test': 'yes' },
      body: 'payload',
    });
    expect(await response.text()).toBe('ok');
    expect(seen).toEqual([['PUT', '/a/b?c=1', 'yes', 'payload']]);
  });

  it('should write the status and headers, several set-cookie headers included', async () => {
    server = await startServer(async () => {
      const headers = new Headers({ 'x-one': '1' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('created', { status: 201, headers });
    });
    const response = await fetch(server.origin);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-one')).toBe('1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('should send the headers before the body is ready, then each chunk as it comes', async () => {
    const first = deferred();
    const second = deferred();
    server = await startServer(async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          await first.promise;
          controller.enqueue(new TextEncoder().encode('one,'));
          await second.promise;
          controller.enqueue(new TextEncoder().encode('two'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    });
    const response = await fetch(server.origin);
    expect(response.headers.get('content-type')).toBe('text/plain');
    first.resolve();
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('one,');
    second.resolve();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('two');
    expect((await reader.read()).done).toBe(true);
  });

  it('should abort the request signal and cancel the body when the client disconnects', async () => {
    const aborted = deferred();
    const cancelled = deferred();
    server = await startServer(async (request) => {
      request.signal.addEventListener('abort', () => aborted.resolve());
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode('tick'));
          return new Promise(() => undefined);
        },
        cancel() {
          cancelled.resolve();
        },
      });
      return new Response(body);
    });
    const controller = new AbortController();
    const response = await fetch(server.origin, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await Promise.all([aborted.promise, cancelled.promise]);
    expect(controller.signal.aborted).toBe(true);
  });

  it('should answer 500 when the handler throws', async () => {
    server = await startServer(async () => {
      throw new Error('handler bug');
    });
    const response = await fetch(server.origin);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('handler bug');
  });

  it('should answer 400 for a malformed Host header', async () => {
    server = await startServer(async () => new Response('never'));
    const { port } = server.server.address() as { port: number };
    const answer = await new Promise<[number | undefined, string]>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { host: 'bad host:x' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve([res.statusCode, text]));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual([400, expect.stringContaining('Host header is malformed')]);
  });

  it('should send no body for HEAD', async () => {
    server = await startServer(async () => new Response('body', { headers: { 'x-ok': '1' } }));
    const response = await fetch(server.origin, { method: 'HEAD' });
    expect([response.status, response.headers.get('x-ok'), await response.text()]).toEqual([200, '1', '']);
  });
});
