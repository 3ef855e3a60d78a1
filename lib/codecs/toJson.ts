/**
 * JSON for the wire: errors become `{ name, message }` (no stack, nothing else), values
 * with `toJSON` (messages, prompt values, documents) use it.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Error ? { name: item.name, message: item.message } : item,
  );
}
