import { errorPayload } from '../../events/encodeEventStream.js';
import { errorResponse, jsonResponse } from './responses.js';
import type { Outcome } from './runTracking.js';

/**
 * The JSON answer of a settled run: 499 when the client left, 500 with the wire form of
 * the error when it failed (or its output cannot be written), 200 with `shape(value)`.
 */
export function jsonAnswer<T>(
  outcome: Outcome<T>,
  shape: (value: T) => unknown,
  onError: (error: unknown) => void,
  debug: boolean,
): Response {
  switch (outcome.kind) {
    case 'cancelled':
      // Nobody is left to read it.
      return errorResponse(499, 'ClientClosedRequest', 'The client closed the connection; the run was cancelled.');
    case 'error':
      onError(outcome.error);
      return jsonResponse(500, { error: errorPayload(outcome.error, debug) });
    case 'value':
      try {
        return jsonResponse(200, shape(outcome.value));
      } catch (error) {
        // An output JSON cannot represent (a cycle, a BigInt).
        onError(error);
        return jsonResponse(500, { error: errorPayload(error, debug) });
      }
  }
}
