import { errorResponse } from './responses.js';

const ALLOWED_HEADERS = ['authorization', 'content-type', 'last-event-id'];

/**
 * Adds a CORS policy to a handler. Without `allowOrigins` it is closed: the handler's
 * answers go out as they are, with no `access-control-*` header, so a browser lets no
 * other origin read them (and sends no JSON body cross-origin, which needs a preflight).
 * With a list, a preflight (`OPTIONS` with `access-control-request-method`) from a listed
 * origin (or any, for `"*"`) is answered 204 with the methods and headers it may use;
 * from any other origin, 403 without a CORS header; and answers to a listed origin carry
 * `access-control-allow-origin` (its own origin, never `*`). No credentials mode: send a
 * token in `Authorization` rather than a cookie.
 */
export function withCors(
  allowOrigins: readonly string[] | undefined,
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  if (allowOrigins === undefined) return handler;
  const origins = new Set(allowOrigins);
  const any = origins.has('*');
  return async (request) => {
    const origin = request.headers.get('origin');
    const listed = origin !== null && (any || origins.has(origin));
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      if (!listed) {
        const who = origin === null ? 'A request without an Origin' : `Origin ${JSON.stringify(origin.slice(0, 200))}`;
        return withHeaders(errorResponse(403, 'Forbidden', `${who} may not call this server (allowOrigins).`), {});
      }
      const asked = (request.headers.get('access-control-request-headers') ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name));
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...asked])].join(', '),
          'access-control-max-age': '600',
          vary: 'Origin',
        },
      });
    }
    const response = await handler(request);
    return withHeaders(response, listed ? { 'access-control-allow-origin': origin } : {});
  };
}

/** The response with `vary: Origin` (answers differ by origin, so caches must not mix them) and `extra`. */
function withHeaders(response: Response, extra: Readonly<Record<string, string>>): Response {
  const headers = new Headers(response.headers);
  headers.append('vary', 'Origin');
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
