import { defineEntry } from './defineEntry.js';
import type { KeyInfo } from './KeyTable.js';

/** Marks "no in-progress child" during materialisation. */
export const NO_CHILD: unique symbol = Symbol('no child');
/** A frame's child in progress, or `NO_CHILD`. */
export type Child = unknown;

// Arrays shorter than this are copied item by item rather than sliced (see `build`).
const SMALL_ARRAY = 8;

// Placeholder for the keys of an array frame (never written).
const NO_KEYS: string[] = [];

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
  /** Which child `pathCache` is the JSON Pointer of (-1: none). */
  private pathIndex = -1;
  private pathCache = '';

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
  setKey(info: KeyInfo): void {
    const key = info.key;
    this.key = key;
    this.keyToken = info.token;
    this.keyIsSpecial = key in Object.prototype;
    this.pathIndex = -1;
  }

  /**
   * The JSON Pointer of child `index` (the child being parsed when `index` is the
   * number of complete children). The last one asked for is kept, so the operations
   * on the child in progress, one per chunk, share one string.
   */
  childPath(index: number): string {
    if (index !== this.pathIndex) {
      const token = this.isArray ? String(index) : index < this.values.length ? this.token(index) : this.keyToken;
      this.pathCache = `${this.path}/${token}`;
      this.pathIndex = index;
    }
    return this.pathCache;
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
      const length = values.length;
      if (length < SMALL_ARRAY) {
        // Filled by index into an array made at its exact size: for a few items this is
        // cheaper than a slice, and V8 freezes such an array in about half the time.
        const copy = new Array<unknown>(child === NO_CHILD ? length : length + 1);
        for (let i = 0; i < length; i++) copy[i] = values[i];
        if (child !== NO_CHILD) copy[length] = child;
        return copy;
      }
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
