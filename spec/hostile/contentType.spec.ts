import { request } from 'node:http';
import { RunnableLambda, toFetchHandler } from 'rxchain';
import { startServer, type LocalServer } from '../support/httpServer';

let calls = 0;
const counting = RunnableLambda.from((text: string) => {
  calls += 1;
  return text.toUpperCase();
});
beforeEach(() => {
  calls = 0;
});

const JSON_BODY = JSON.stringify({ input: 'hi' });

function post(route: string, headers: Record<string, string>, body: BodyInit = JSON_BODY): Request {
  return new Request(`http://localhost/${route}`, { method: 'POST', headers, body });
}

describe('hostile: a JSON route called with a body that is not declared JSON', () => {
  const handler = toFetchHandler(counting);

  it.each(['invoke', 'batch', 'stream', 'stream_events'])(
    'should answer /%s sent as text/plain (a cross-origin form or fetch without preflight) with a 415',
    async (route) => {
      const body = route === 'batch' ? JSON.stringify({ inputs: ['hi'] }) : JSON_BODY;
      const response = await handler(post(route, { 'content-type': 'text/plain;charset=UTF-8' }, body));
      expect(response.status).toBe(415);
      expect(response.headers.get('accept-post')).toBe('application/json');
      const answer = (await response.json()) as { error: { name: string; message: string } };
      expect(answer.error.name).toBe('UnsupportedMediaType');
      expect(answer.error.message).toContain('text/plain');
      expect(answer.error.message).toContain('application/json');
      expect(calls).toBe(0);
    },
  );

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'])(
    'should refuse %s',
    async (type) => {
      expect((await handler(post('invoke', { 'content-type': type }))).status).toBe(415);
      expect(calls).toBe(0);
    },
  );

  it('should refuse a body sent with no Content-Type at all (a Blob or bytes, which also skip the preflight)', async () => {
    const response = await handler(post('invoke', {}, new TextEncoder().encode(JSON_BODY)));
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('no Content-Type');
    expect(calls).toBe(0);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/vnd.api+json'])(
    'should accept %s',
    async (type) => {
      const response = await handler(post('invoke', { 'content-type': type }));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { output: string }).output).toBe('HI');
    },
  );

  it('should still answer the GET routes, which take no body', async () => {
    const response = await handler(new Request('http://localhost/input_schema'));
    expect(response.status).toBe(200);
  });

  describe('behind toNodeHandler', () => {
    let server: LocalServer;
    beforeAll(async () => {
      server = await startServer(handler);
    });
    afterAll(() => server.close());

    it('should answer a raw POST without a Content-Type header with a 415', async () => {
      const { port } = new URL(server.origin);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/invoke' });
        req.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end(JSON_BODY);
      });
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.objectContaining({ name: 'UnsupportedMediaType' }) });
      expect(calls).toBe(0);
    });
  });
});
