import { defineEntry } from './defineEntry.js';

/** Marks "no in-progress child" during materialisation. */
export const NO_CHILD: unique symbol = Symbol('no child');
/** A frame's child in progress, or `NO_CHILD`. */
export type Child = unknown;

// Placeholder for the keys of an array frame (never written).
const NO_KEYS: string[] = [];

/**
 * One open array or object on the stack.
 *
 * The complete children are private to the builder and only ever appended
 * (O(1) per child): `values` holds them, and for objects `keys` holds their
 * keys in order, duplicates included. Copies are built by plain assignment
 * into a fresh object (V8's fastest way to build an object; spreading and
 * then adding a key is an order of magnitude slower), so a duplicate key
 * keeps its first position and its last value, as in `JSON.parse`.
 * `cache` is the last copy handed out, valid only while the builder is not
 * dirty.
 */
export class Frame {
  readonly values: unknown[] = [];
  readonly keys: string[];
  /** Some key needs `Object.defineProperty` (`__proto__`, `constructor`, ...). */
  specialKeys = false;
  /** Key of the child being parsed (objects only). */
  key = '';
  /** `key` needs `Object.defineProperty`; worked out once per key, not per snapshot. */
  keyIsSpecial = false;
  /** Last materialised value of this container, if any. */
  cache: unknown[] | Record<string, unknown> | undefined = undefined;

  constructor(readonly isArray: boolean) {
    this.keys = isArray ? NO_KEYS : [];
  }

  /** Adds a complete child. */
  add(value: unknown): void {
    this.values.push(value);
    if (!this.isArray) {
      this.keys.push(this.key);
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
