import { escapePointer } from '../../jsonPatch/Operation.js';

/** An object key as the builder keeps it: one string per distinct key, and its JSON Pointer token. */
export interface KeyInfo {
  /** The key; the same string for every occurrence of the same key text. */
  readonly key: string;
  /** The key as a JSON Pointer reference token (escaped only when needed). */
  readonly token: string;
}

// How many distinct keys a table remembers; further keys are worked out each time they occur.
const MAX_KEYS = 512;

/**
 * The keys met so far in one document. A model's JSON repeats a few keys many times
 * (`"name"` in every item of a list): each occurrence is a new string, and V8 looks a new
 * string up in its table of property names every time it is used as a key. Mapping every
 * occurrence to the first one makes the lookup happen once per distinct key, and escapes
 * the JSON Pointer token once per distinct key too. Bounded, so a document of ever new
 * keys cannot make it grow without limit.
 *
 * Internal to `lib/codecs/partialJson`; not part of the public API.
 */
export class KeyTable {
  private readonly known = new Map<string, KeyInfo>();

  /** The entry for `key`. */
  info(key: string): KeyInfo {
    let info = this.known.get(key);
    if (info === undefined) {
      info = { key, token: key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : escapePointer(key) };
      if (this.known.size < MAX_KEYS) this.known.set(key, info);
    }
    return info;
  }
}
