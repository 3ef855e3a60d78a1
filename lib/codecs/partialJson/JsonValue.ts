/**
 * Any value a JSON document can hold: what `JSON.parse` returns, and what
 * `JsonOutputParser` emits when it is not given a more precise type.
 *
 * @example
 * ```ts
 * import type { JsonValue } from 'rxchain';
 *
 * const value: JsonValue = { name: 'Ada', tags: ['math', 1843], active: true, spouse: null };
 * console.log(Object.keys(value)); // => ['name', 'tags', 'active', 'spouse']
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
