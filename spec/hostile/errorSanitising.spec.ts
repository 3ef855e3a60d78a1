import { RunnableLambda, toFetchHandler, type FetchHandler } from 'rxchain';

const SECRET = 'hunter2-db-password';

/** Throws a plain object, as a database driver might. */
const throwsObject = RunnableLambda.from((_: string): string => {
  throw { row: { id: 1, password: SECRET }, query: 'SELECT * FROM users' };
});

/** Throws an Error whose message names a file of the server. */
const throwsPath = RunnableLambda.from((_: string): string => {
  const error = new Error('could not read /srv/app/config/secrets.json: permission denied') as Error & {
    code: string;
  };
  error.code = 'EACCES';
  throw error;
});

async function call(handler: FetchHandler, route: string): Promise<string> {
  const response = await handler(
    new Request(`http://localhost/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x' }),
    }),
  );
  return response.text();
}

/** Every object found under an `error` key, anywhere in the JSON texts of `body`. */
function errorsIn(body: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'error' && inner !== null && typeof inner === 'object') found.push(inner as Record<string, unknown>);
      visit(inner);
    }
  };
  const texts = body.startsWith('{')
    ? [body]
    : body
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length));
  for (const text of texts) {
    const parsed = JSON.parse(text) as unknown;
    if (body.startsWith('event:') && body.includes('event: error') && text === texts.at(-1)) {
      found.push(parsed as Record<string, unknown>);
    }
    visit(parsed);
  }
  return found;
}

describe.each(['invoke', 'stream', 'stream_events'])('hostile: errors on the wire of /%s', (route) => {
  it('should carry only the name and message of a thrown non-Error value, never the value', async () => {
    const body = await call(toFetchHandler(throwsObject), route);
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('SELECT');
    const errors = errorsIn(body);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(Object.keys(error).filter((key) => key !== 'run_name')).toEqual(['name', 'message']);
      expect(error['name']).toBe('ThrownValueError');
    }
  });

  it('should carry the code but no file path or stack of an Error', async () => {
    const body = await call(toFetchHandler(throwsPath), route);
    expect(body).not.toContain('/srv/app');
    expect(body).not.toMatch(/\n\s+at /);
    for (const error of errorsIn(body)) {
      expect(Object.keys(error).filter((key) => key !== 'run_name')).toEqual(['name', 'message', 'code']);
      expect(error['code']).toBe('EACCES');
    }
  });

  it('should add the stack and keep the path only for a server made with debug: true', async () => {
    const body = await call(toFetchHandler(throwsPath, { debug: true }), route);
    expect(body).toContain('/srv/app/config/secrets.json');
    for (const error of errorsIn(body)) expect(typeof error['stack']).toBe('string');
  });
});
