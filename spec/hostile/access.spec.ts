import {
  AccessDeniedError,
  RemoteCallError,
  RemoteRunnable,
  RunnableLambda,
  toFetchHandler,
  type RunnableConfig,
} from 'rxchain';
import { startServer, type LocalServer } from '../support/httpServer';

let calls = 0;
/** Counts its calls and answers with the user the server's config put in its metadata. */
const whoami = RunnableLambda.from((text: string, config?: RunnableConfig) => {
  calls += 1;
  return `${text} from ${String(config?.metadata?.['user'] ?? 'nobody')}`;
});
beforeEach(() => {
  calls = 0;
});

const TOKENS: Record<string, { user: string; scopes: string[] }> = {
  'token-ann': { user: 'ann', scopes: ['run'] },
  'token-bob': { user: 'bob', scopes: [] },
};

/** A bearer-token check: unknown token → 401, known without the "run" scope → 403. */
async function authorize(request: Request): Promise<{ user: string } | false> {
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const entry = token !== undefined ? TOKENS[token] : undefined;
  if (entry === undefined) return false;
  if (!entry.scopes.includes('run')) throw new AccessDeniedError(403, `${entry.user} may not run this chain.`);
  return { user: entry.user };
}

const handler = toFetchHandler(whoami, {
  authorize,
  config: (_request, auth) => ({ metadata: { user: auth.user } }),
});

function post(route: string, headers: Record<string, string> = {}): Request {
  const body = route === 'batch' ? { inputs: ['hi'] } : { input: 'hi' };
  return new Request(`http://localhost/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('hostile: who may run what', () => {
  describe('authorize', () => {
    it.each(['invoke', 'batch', 'stream', 'stream_events'])(
      'should answer /%s without a token with a 401 JSON body and never call the runnable',
      async (route) => {
        const response = await handler(post(route));
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(await response.json()).toEqual({
          error: { name: 'Unauthorized', message: expect.stringContaining('credentials') as string },
        });
        expect(calls).toBe(0);
      },
    );

    it.each(['invoke', 'stream_events'])(
      'should answer /%s with a 403 and the message of the AccessDeniedError authorize threw',
      async (route) => {
        const response = await handler(post(route, { authorization: 'Bearer token-bob' }));
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ error: { name: 'Forbidden', message: 'bob may not run this chain.' } });
        expect(calls).toBe(0);
      },
    );

    it('should refuse the GET routes too', async () => {
      expect((await handler(new Request('http://localhost/input_schema'))).status).toBe(401);
    });

    it('should pass what authorize returned to config(request, auth)', async () => {
      const response = await handler(post('invoke', { authorization: 'Bearer token-ann' }));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { output: string }).output).toBe('hi from ann');
      expect(calls).toBe(1);
    });

    it('should answer 500 and tell onError when authorize itself fails, without starting a run', async () => {
      const errors: unknown[] = [];
      const failing = toFetchHandler(whoami, {
        authorize: () => {
          throw new Error('the token service is down at /srv/auth');
        },
        onError: (error) => errors.push(error),
      });
      const response = await failing(post('invoke', { authorization: 'Bearer token-ann' }));
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('/srv/auth');
      expect(errors).toHaveLength(1);
      expect(calls).toBe(0);
    });
  });

  describe('RemoteRunnable against an authorizing server', () => {
    let server: LocalServer;
    const seen: string[] = [];
    beforeAll(async () => {
      server = await startServer(async (request) => {
        seen.push(`${new URL(request.url).pathname} ${request.headers.get('authorization') ?? '-'}`);
        return handler(request);
      });
    });
    afterAll(() => server.close());
    beforeEach(() => seen.splice(0));

    it('should send its configured headers on every route it calls', async () => {
      const remote = new RemoteRunnable<string, string>({
        url: server.origin,
        headers: { authorization: 'Bearer token-ann' },
      });
      expect(await remote.invoke('a')).toBe('a from ann');
      expect(await remote.batch(['b', 'c'])).toEqual(['b from ann', 'c from ann']);
      const chunks: string[] = [];
      for await (const chunk of await remote.stream('d')) chunks.push(chunk);
      expect(chunks.join('')).toBe('d from ann');
      for await (const event of remote.streamEvents('e', { version: 'v2' })) void event;
      expect(seen.sort()).toEqual(
        // batch calls /invoke once per input.
        ['/invoke', '/invoke', '/invoke', '/stream', '/stream_events'].map((path) => `${path} Bearer token-ann`),
      );
    });

    it('should ask a header function for fresh headers on every call', async () => {
      let made = 0;
      const remote = new RemoteRunnable<string, string>({
        url: server.origin,
        headers: async () => {
          made += 1;
          return { authorization: 'Bearer token-ann' };
        },
      });
      await remote.invoke('a');
      await remote.invoke('b');
      expect(made).toBe(2);
    });

    it('should fail with a RemoteCallError of status 401 without a token', async () => {
      const error = await new RemoteRunnable({ url: server.origin }).invoke('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteCallError);
      expect((error as RemoteCallError).status).toBe(401);
      expect(calls).toBe(0);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string): Request =>
      new Request('http://localhost/stream', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const corsHeaders = (response: Response): string[] => {
      const names: string[] = [];
      response.headers.forEach((_value, name) => names.push(name));
      return names.filter((name) => name.startsWith('access-control-'));
    };

    it('should be closed by default: no CORS header on a preflight or an answer', async () => {
      const open = toFetchHandler(whoami);
      expect(corsHeaders(await open(preflight('https://app.example')))).toEqual([]);
      const answer = await open(post('invoke', { origin: 'https://app.example' }));
      expect(answer.status).toBe(200);
      expect(corsHeaders(answer)).toEqual([]);
    });

    const listed = toFetchHandler(whoami, { authorize, allowOrigins: ['https://app.example'] });

    it('should answer a preflight from a listed origin, before and without authorize', async () => {
      const response = await listed(preflight('https://app.example'));
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
      expect(response.headers.get('vary')).toContain('Origin');
    });

    it('should give a preflight from an unlisted origin no CORS header', async () => {
      const response = await listed(preflight('https://evil.example'));
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
    });

    it('should set the CORS headers on answers to a listed origin only, refusals included', async () => {
      const ok = await listed(post('invoke', { origin: 'https://app.example', authorization: 'Bearer token-ann' }));
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const refused = await listed(post('invoke', { origin: 'https://app.example' }));
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const stream = await listed(post('stream', { origin: 'https://app.example', authorization: 'Bearer token-ann' }));
      expect(stream.headers.get('access-control-allow-origin')).toBe('https://app.example');
      await stream.text();
      const other = await listed(post('invoke', { origin: 'https://evil.example', authorization: 'Bearer token-ann' }));
      expect(corsHeaders(other)).toEqual([]);
    });
  });
});
