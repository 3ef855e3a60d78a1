/**
 * A function that adds a chunk to an aggregate of earlier chunks.
 */
export type Concat<T> = (aggregate: T, chunk: T) => T;

interface Concatenable {
  concat(other: unknown): unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasConcat(value: unknown): value is Concatenable & object {
  return value !== null && typeof value === 'object' && typeof (value as Partial<Concatenable>).concat === 'function';
}

/** Whether `b` is an instance of `a`'s class, so `a.concat(b)` gets what it expects. */
function sameKind(a: object, b: unknown): boolean {
  if (b === null || typeof b !== 'object') return false;
  const protoA: unknown = Object.getPrototypeOf(a);
  return protoA !== null && Object.prototype.isPrototypeOf.call(protoA, b);
}

/**
 * Adds two chunks of a stream together: strings join, arrays join, message chunks
 * `concat`, plain objects merge key by key (with `concat` on the keys both have), and
 * for anything else the later value wins.
 *
 * This is how `invoke` aggregates a stream and how `end` events get their `output`.
 *
 * @param a - the aggregate so far.
 * @param b - the next chunk.
 * @returns the aggregate including `b`; neither argument is mutated.
 *
 * @example
 * ```ts
 * import { concat, AIMessageChunk } from 'rxchain';
 *
 * console.log(concat('Hel', 'lo')); // => 'Hello'
 * console.log(concat({ context: 'a' }, { question: 'b' })); // => { context: 'a', question: 'b' }
 * console.log(concat(new AIMessageChunk('Hel'), new AIMessageChunk('lo')).content); // => 'Hello'
 * ```
 */
export function concat<T>(a: T, b: T): T {
  if (typeof a === 'string' && typeof b === 'string') return (a + b) as T;
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b) as T;
  if (isPlainObject(a) && isPlainObject(b)) return mergeObjects(a, b) as T;
  if (hasConcat(a) && sameKind(a, b)) return a.concat(b) as T;
  return b;
}

function mergeObjects(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const key of Object.keys(b)) {
    const value = b[key];
    const next =
      Object.prototype.hasOwnProperty.call(merged, key) && merged[key] !== undefined
        ? concat(merged[key], value)
        : value;
    // defineProperty, not assignment: a "__proto__" key must stay a key, not replace the prototype.
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}
