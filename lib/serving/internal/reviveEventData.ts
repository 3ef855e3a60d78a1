import { RemoteRunError } from '../../errors/RemoteRunError.js';
import { describeValue } from '../../errors/internal/describeValue.js';
import { fromLangServeJson } from '../langServeJson.js';
import { isPlainObject } from './reviveKnown.js';

/**
 * Revives what a server sends: messages, documents and prompt values in any of the forms
 * `fromLangServeJson` knows. Plain objects and arrays are walked; everything else is
 * returned as it is.
 */
export function reviveValue(value: unknown): unknown {
  return fromLangServeJson(value);
}

/**
 * Revives an event's data; for an `on_*_error` event, `data.error` becomes a
 * `RemoteRunError` (from rxchain's `{ name, message }` or LangServe's `{ status_code,
 * message }`).
 */
export function reviveEventData(event: string, data: unknown): unknown {
  const revived = reviveValue(data);
  if (event.endsWith('_error') && isPlainObject(revived) && isPlainObject(revived['error'])) {
    const { name, message } = revived['error'];
    const text = typeof message === 'string' ? message : describeValue(message ?? '');
    return { ...revived, error: new RemoteRunError(typeof name === 'string' ? name : 'Error', text) };
  }
  return revived;
}
