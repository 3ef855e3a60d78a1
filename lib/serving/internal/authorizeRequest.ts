import { AccessDeniedError } from '../../errors/AccessDeniedError.js';
import { errorResponse } from './responses.js';
import type { Authorize } from '../ServeGuardOptions.js';

/** What `authorizeRequest` decided: the auth value, or the answer that refuses the request. */
export type Access<A> = { readonly ok: true; readonly auth: A } | { readonly ok: false; readonly response: Response };

/**
 * Runs `authorize` (when there is one) before anything else of the request is read. A
 * refusal is answered 401 (with `www-authenticate: Bearer`) or 403 with `{ "error": {
 * "name": "Unauthorized" | "Forbidden", "message" } }`; an `authorize` that fails
 * otherwise is told to `onError` and answered 500 without its details.
 */
export async function authorizeRequest<A>(
  authorize: Authorize<A> | undefined,
  request: Request,
  onError: (error: unknown) => void,
): Promise<Access<A>> {
  if (authorize === undefined) return { ok: true, auth: undefined as A };
  let auth: A | false | null | undefined;
  try {
    auth = await authorize(request);
  } catch (error) {
    if (error instanceof AccessDeniedError) return { ok: false, response: refusal(error) };
    onError(error);
    return {
      ok: false,
      response: errorResponse(500, 'InternalServerError', "The server could not check the request's credentials."),
    };
  }
  if (auth === false || auth === null || auth === undefined) {
    return { ok: false, response: refusal(new AccessDeniedError(401)) };
  }
  return { ok: true, auth };
}

function refusal(error: AccessDeniedError): Response {
  return error.status === 401
    ? errorResponse(401, 'Unauthorized', error.message, { 'www-authenticate': 'Bearer' })
    : errorResponse(403, 'Forbidden', error.message);
}
