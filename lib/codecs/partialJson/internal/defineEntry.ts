/**
 * Adds an own, enumerable, writable data property to a plain object exactly as
 * `JSON.parse` does (CreateDataProperty semantics).
 *
 * Plain assignment is used for ordinary keys because it is fast; keys that
 * exist on `Object.prototype` (`__proto__`, `constructor`, `toString`, ...)
 * go through `Object.defineProperty`, so `"__proto__"` never reaches the
 * prototype setter and a frozen `Object.prototype` cannot make the write fail.
 * Writing an existing key keeps its original position, as duplicate keys do
 * in `JSON.parse` (last value wins).
 *
 * Internal to `lib/parsers`; not part of the public API.
 *
 * @param target - a plain object owned by the caller
 * @param key - the property name
 * @param value - the property value
 */
export function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key in Object.prototype) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
