import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NestingDepthError,
  parseEventStream$,
  RemoteRunError,
  RemoteRunnable,
  RunnableLambda,
  serializeError,
  toError,
  toFetchHandler,
  wireError,
} from 'rxchain';
import { lastValueFrom, toArray } from 'rxjs';

const DEPTH = 100_000;
const deepText = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const deepObjectText = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
/** A value nested `n` arrays deep, built without recursion. */
function deepValue(n: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < n; i++) value = [value];
  return value;
}

let calls = 0;
const echo = RunnableLambda.from((value: unknown) => {
  calls += 1;
  return value;
});
const deepOutput = RunnableLambda.from((_: unknown) => deepValue(DEPTH));
beforeEach(() => {
  calls = 0;
});

function post(handler: (request: Request) => Promise<Response>, route: string, body: string): Promise<Response> {
  return handler(
    new Request(`http://localhost/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  );
}

describe('hostile: deeply nested values never overflow the stack', () => {
  describe('the server', () => {
    it.each([
      ['invoke', `{"input":${deepText(DEPTH)}}`],
      ['batch', `{"inputs":[${deepText(DEPTH)}]}`],
      ['stream', `{"input":${deepObjectText(DEPTH)}}`],
      ['stream_events', `{"input":1,"config":{"metadata":{"x":${deepText(DEPTH)}}}}`],
    ])('should refuse a %s body nested 100,000 deep with a 400 naming NestingDepthError', async (route, body) => {
      const response = await post(toFetchHandler(echo), route, body);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toContain('Maximum call stack');
      const answer = JSON.parse(text) as { error: Record<string, unknown> };
      expect(Object.keys(answer.error)).toEqual(['name', 'message']);
      expect(answer.error['name']).toBe('NestingDepthError');
      expect(answer.error['message']).toContain('1000');
      expect(calls).toBe(0);
    });

    it('should still take a body nested a few hundred deep', async () => {
      const response = await post(toFetchHandler(echo), 'invoke', `{"input":${deepText(500)}}`);
      expect(response.status).toBe(200);
    });

    it('should answer an output too deep to write with a 500 naming NestingDepthError, without a stack', async () => {
      const response = await post(toFetchHandler(deepOutput), 'invoke', '{"input":1}');
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('Maximum call stack');
      expect(text).not.toMatch(/\n\s+at /);
      expect((JSON.parse(text) as { error: { name: string } }).error.name).toBe('NestingDepthError');
    });

    it.each(['stream', 'stream_events'])(
      'should end /%s of a too deep output with a NestingDepthError frame',
      async (route) => {
        const response = await post(toFetchHandler(deepOutput), route, '{"input":1}');
        const text = await response.text();
        expect(text).not.toContain('Maximum call stack');
        expect(text).toMatch(/event: error\ndata: \{"name":"NestingDepthError"/);
      },
    );
  });

  describe('the client', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.url === '/invoke') {
            res.writeHead(200, { 'content-type': 'application/json' }).end(`{"output":${deepText(DEPTH)}}`);
          } else {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.end(`event: data\ndata: ${deepText(DEPTH)}\n\nevent: end\n\n`);
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('should fail RemoteRunnable.invoke of a 100,000-deep output with a NestingDepthError', async () => {
      const error = await new RemoteRunnable({ url }).invoke('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NestingDepthError);
    });

    it('should fail RemoteRunnable.stream of a 100,000-deep chunk with a NestingDepthError', async () => {
      const remote = new RemoteRunnable({ url, resumeAttempts: 0 });
      const error = await (async () => {
        for await (const chunk of await remote.stream('x')) void chunk;
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NestingDepthError);
    });

    it('should fail parseEventStream$ of 100,000-deep event data with a NestingDepthError', async () => {
      const data = `{"event":"on_chain_stream","name":"x","run_id":"1","parent_ids":[],"tags":[],"metadata":{},"data":{"chunk":${deepText(DEPTH)}}}`;
      const body = new Blob([`event: data\ndata: ${data}\n\nevent: end\n\n`]).stream();
      const error = await lastValueFrom(parseEventStream$(body).pipe(toArray())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NestingDepthError);
    });
  });

  describe('error formatting', () => {
    it('should format an error whose cause is 100,000 deep, and a chain of 100,000 causes', () => {
      const deepCause = new Error('outer', { cause: deepValue(DEPTH) });
      expect(() => JSON.stringify(serializeError(deepCause))).not.toThrow();
      let chain = new Error('root');
      for (let i = 0; i < DEPTH; i++) chain = new Error(`level ${i}`, { cause: chain });
      expect(JSON.stringify(serializeError(chain)).length).toBeLessThan(1000);
      expect(wireError(chain).name).toBe('Error');
    });

    it('should name a thrown 100,000-deep value with a bounded message', () => {
      const error = toError(deepValue(DEPTH));
      expect(error.name).toBe('ThrownValueError');
      expect(error.message.length).toBeLessThan(300);
      expect(wireError(deepValue(DEPTH)).name).toBe('ThrownValueError');
    });
  });
});

describe('hostile: terminal escape codes in error messages', () => {
  const ESC = '\u001b';
  const colourful = RunnableLambda.from((_: string): string => {
    throw new Error(`${ESC}[31mred${ESC}[0m alert ${ESC}]0;owned\u0007 and ${ESC}]2;title${ESC}\\ done`);
  });

  it('should strip them from what wireError sends', () => {
    expect(wireError(new Error(`${ESC}[1;31mbold${ESC}[0m`)).message).toBe('bold');
  });

  it.each(['invoke', 'stream', 'stream_events'])('should not send them over /%s', async (route) => {
    const text = await (await post(toFetchHandler(colourful), route, '{"input":"x"}')).text();
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\\u001b');
    expect(text).not.toContain('\\u0007');
    expect(text).toContain('red alert');
  });

  it('should strip them from the errors RemoteRunnable reports, whatever the server sent', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { name: 'Boom', message: `${ESC}[31mred${ESC}[0m` } })),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await new RemoteRunnable({ url }).invoke('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteRunError);
      expect((error as RemoteRunError).message).not.toContain(ESC);
      expect((error as RemoteRunError).message).toContain('red');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
