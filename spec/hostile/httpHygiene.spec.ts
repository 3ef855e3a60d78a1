import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, RunnableLambda, toFetchHandler, toNodeHandler } from 'rxchain';

describe('HTTP hygiene', () => {
  const chain = RunnableLambda.from((text: string) => text.toUpperCase());
  const other = RunnableLambda.from((_: string) => 'the other route');
  let server: Server;

  beforeAll(async () => {
    const chainHandler = toNodeHandler(toFetchHandler(chain, { basePath: '/chain' }));
    const otherHandler = toNodeHandler(toFetchHandler(other, { basePath: '/other' }));
    server = createServer((req, res) =>
      (req.url ?? '').startsWith('/other/') ? otherHandler(req, res) : chainHandler(req, res),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** A raw request line, so that no client normalises the path before it is sent. */
  async function rawPost(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ input: 'hi' }));
    });
  }

  it.each(['/chain/%2e%2e/other/invoke', '/chain/%2E%2E/other/invoke', '/chain/../other/invoke', '/chain%2finvoke'])(
    'should refuse %s with a 400 instead of routing it elsewhere',
    async (path) => {
      const answer = await rawPost(path);
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain('the other route');
      expect(JSON.parse(answer.body)).toEqual({ error: expect.objectContaining({ name: 'BadRequest' }) });
    },
  );

  it('should still serve a plain path', async () => {
    expect(await rawPost('/chain/invoke')).toEqual({ status: 200, body: expect.stringContaining('"HI"') });
  });

  it('should run at most 16 items of one /batch at once when the config sets no maxConcurrency', async () => {
    let running = 0;
    let most = 0;
    const slow = RunnableLambda.from(async (n: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => setImmediate(resolve));
      running -= 1;
      return n * 2;
    });
    const handler = toFetchHandler(slow);
    const inputs = Array.from({ length: 10_000 }, (_, i) => i);
    const response = await handler(
      new Request('http://x/batch', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs }),
      }),
    );
    const body = (await response.json()) as { output: number[] };
    expect(body.output).toEqual(inputs.map((n) => n * 2));
    expect(most).toBe(16);
  });

  it('should reject a timeout a timer cannot wait for, instead of firing at once', async () => {
    const error = await chain.invoke('x', { timeout: 2 ** 31 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).message).toContain('at most 2147483647 ms');
    await expect(chain.invoke('x', { timeout: 2 ** 31 - 1 })).resolves.toBe('X');
  });
});
