import { ThrownValueError } from '../errors/ThrownValueError.js';
import { toError } from '../errors/toError.js';
import { stripTerminalCodes } from '../errors/internal/stripTerminalCodes.js';

/** What of an error crosses the wire: its name, message and code (and its stack in debug mode). */
export interface WireError {
  /** The error's name, e.g. `"TypeError"`, `"ThrownValueError"`. */
  name: string;
  /** The message, bounded, with the server's file paths replaced by `<path>`. */
  message: string;
  /** The error's `code` (`"EACCES"`, `429`...), when it has a string or number one. */
  code?: string | number;
  /** Only in debug mode: the stack trace. */
  stack?: string;
}

/** The longest message sent, in characters. */
const MAX_MESSAGE = 2_000;

// An absolute file path (`/srv/app/x.ts`, `C:\app\x.ts`, `file:///srv/x.ts`) of at least
// one folder; a URL's path (`https://host/a/b`) is not one (its slash follows a letter).
const PATH = /(?:file:\/\/)?(?<![\w:/.\\-])(?:[A-Za-z]:)?[\\/](?:[\w.@+-]+[\\/])+[\w.@+-]*/g;

/**
 * Normalises any thrown value to what may be sent to a client: a non-Error value
 * becomes a `ThrownValueError` whose message names only the value's type, a message
 * loses its terminal escape codes and file paths and is cut at 2,000 characters, and nothing but `name`,
 * `message` and `code` is kept. With `debug`, the message is kept whole and the stack
 * is added: for local development only.
 *
 * @param error - the thrown value.
 * @param debug - keep paths and add the stack. @default false
 * @returns the JSON-safe error.
 *
 * @example
 * ```ts
 * import { wireError } from 'rxchain';
 *
 * console.log(wireError(new Error('no /srv/app/a.json'))); // => { name: 'Error', message: 'no <path>' }
 * console.log(wireError({ password: 'x' }).name); // => 'ThrownValueError'
 * ```
 */
export function wireError(error: unknown, debug = false): WireError {
  const normal = toError(error);
  const message = debug
    ? stripTerminalCodes(String(normal.message))
    : normal instanceof ThrownValueError
      ? `A value that is not an Error (${kindOf(normal.thrown)}) was thrown; it stays on the server.`
      : bounded(stripTerminalCodes(String(normal.message)).replace(PATH, '<path>'));
  const out: WireError = { name: stripTerminalCodes(String(normal.name)).slice(0, 200), message };
  const code = (normal as { code?: unknown }).code;
  if (typeof code === 'string' || (typeof code === 'number' && Number.isFinite(code))) out.code = code;
  if (debug && typeof normal.stack === 'string') out.stack = normal.stack;
  return out;
}

function bounded(text: string): string {
  return text.length <= MAX_MESSAGE
    ? text
    : `${text.slice(0, MAX_MESSAGE)}… (${text.length - MAX_MESSAGE} more characters)`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
