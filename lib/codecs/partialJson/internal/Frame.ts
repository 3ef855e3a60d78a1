import { escapePointer } from '../../jsonPatch/Operation.js';
import { defineEntry } from './defineEntry.js';

/** Marks "no in-progress child" during materialisation. */
export const NO_CHILD: unique symbol = Symbol('no child');
/** A frame's child in progress, or `NO_CHILD`. */
export type Child = unknown;

// Placeholder for the keys of an array frame (never written).
const NO_KEYS: string[] = [];

/** A JSON Pointer token for `key`, escaping only when needed (most keys have no `~` or `/`). */
function pointerToken(key: string): string {
  return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : escapePointer(key);
}

/**
 * One open array or object on the stack.
 *
 * The complete children are private to the builder and only ever appended
 * (O(1) per child): `values` holds them, and for objects `keys` holds their
 * keys in order, duplicates included, and `tokens` their JSON Pointer tokens
 * (escaped once per key, not once per patch). Copies are built by plain
 * assignment into a fresh object (V8's fastest way to build an object;
 * spreading and then adding a key is an order of magnitude slower), so a
 * duplicate key keeps its first position and its last value, as in
 * `JSON.parse`. `cache` is the last copy handed out, valid only while the
 * builder is not dirty. `path` is the frame's own JSON Pointer, made once
 * when it opens.
 */
export class Frame {
  readonly values: unknown[] = [];
  readonly keys: string[];
  readonly tokens: string[];
  /** Some key needs `Object.defineProperty` (`__proto__`, `constructor`, ...). */
  specialKeys = false;
  /** Key of the child being parsed (objects only). */
  key = '';
  /** `key` as a JSON Pointer token. */
  keyToken = '';
  /** `key` needs `Object.defineProperty`; worked out once per key, not per snapshot. */
  keyIsSpecial = false;
  /** Last materialised value of this container, if any. */
  cache: Readonly<unknown[] | Record<string, unknown>> | undefined = undefined;

  /**
   * @param isArray - an array (else an object).
   * @param path - the JSON Pointer of this container in the document.
   */
  constructor(
    readonly isArray: boolean,
    readonly path: string,
  ) {
    this.keys = isArray ? NO_KEYS : [];
    this.tokens = isArray ? NO_KEYS : [];
  }

  /** Sets the key of the next child (objects). */
  setKey(key: string): void {
    this.key = key;
    this.keyToken = pointerToken(key);
    this.keyIsSpecial = key in Object.prototype;
  }

  /** The JSON Pointer token of the child being parsed (the next one). */
  get childToken(): string {
    return this.isArray ? String(this.values.length) : this.keyToken;
  }

  /** The JSON Pointer token of complete child `index`. */
  token(index: number): string {
    return this.isArray ? String(index) : (this.tokens[index] as string);
  }

  /** Adds a complete child. */
  add(value: unknown): void {
    this.values.push(value);
    if (!this.isArray) {
      this.keys.push(this.key);
      this.tokens.push(this.keyToken);
      if (this.keyIsSpecial) this.specialKeys = true;
    }
  }

  /** A fresh copy of the complete children plus `child` (if it has one). */
  build(child: Child): unknown[] | Record<string, unknown> {
    const values = this.values;
    if (this.isArray) {
      if (child === NO_CHILD) return values.slice();
      // Append, copy once at the exact size, then restore the private array.
      values.push(child);
      const copy = values.slice();
      values.pop();
      return copy;
    }
    const keys = this.keys;
    const copy: Record<string, unknown> = {};
    if (this.specialKeys) {
      for (let i = 0; i < keys.length; i++) defineEntry(copy, keys[i] as string, values[i]);
    } else {
      for (let i = 0; i < keys.length; i++) copy[keys[i] as string] = values[i];
    }
    if (child !== NO_CHILD) {
      if (this.keyIsSpecial) defineEntry(copy, this.key, child);
      else copy[this.key] = child;
    }
    return copy;
  }
}
