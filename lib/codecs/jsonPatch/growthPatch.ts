import { escapePointer, type Operation } from './Operation.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The JSON Patch operations that turn `before` into `after`, for values that only grow
 * the way a streamed JSON document does: keys and array items are added at the end, and
 * only the last key or item of a container changes. Unchanged sub-values must be the same
 * references (as `PartialJsonParser` gives them), which makes the walk cost the length of
 * the changed path, not the size of the document. Values that shrink or change elsewhere
 * are handled too, by replacing the changed container.
 *
 * @param before - the previous value.
 * @param after - the next value.
 * @param path - the JSON Pointer of both values.
 * @returns the operations, in order.
 *
 * @example
 * ```ts
 * import { growthPatch } from 'rxchain';
 *
 * const before = { countries: [{ name: 'France' }] };
 * const after = { countries: [before.countries[0], { name: 'Sp' }] };
 * console.log(growthPatch(before, after)); // => [{ op: 'add', path: '/countries/1', value: { name: 'Sp' } }]
 * ```
 */
export function growthPatch(before: unknown, after: unknown, path = ''): Operation[] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after)) return arrayPatch(before, after, path);
  if (isObject(before) && isObject(after)) return objectPatch(before, after, path);
  return [{ op: 'replace', path, value: after }];
}

function arrayPatch(before: readonly unknown[], after: readonly unknown[], path: string): Operation[] {
  if (after.length < before.length) return [{ op: 'replace', path, value: after }];
  const ops: Operation[] = [];
  // Walk back from the end of the common part to the first item that is unchanged.
  let first = before.length;
  while (first > 0 && before[first - 1] !== after[first - 1]) first--;
  for (let i = first; i < before.length; i++) ops.push(...growthPatch(before[i], after[i], `${path}/${i}`));
  for (let i = before.length; i < after.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: after[i] });
  return ops;
}

function objectPatch(before: Record<string, unknown>, after: Record<string, unknown>, path: string): Operation[] {
  const ops: Operation[] = [];
  const afterKeys = Object.keys(after);
  for (const key of Object.keys(before)) {
    if (!Object.prototype.hasOwnProperty.call(after, key))
      ops.push({ op: 'remove', path: `${path}/${escapePointer(key)}` });
  }
  for (const key of afterKeys) {
    const pointer = `${path}/${escapePointer(key)}`;
    if (!Object.prototype.hasOwnProperty.call(before, key)) ops.push({ op: 'add', path: pointer, value: after[key] });
    else if (before[key] !== after[key]) ops.push(...growthPatch(before[key], after[key], pointer));
  }
  return ops;
}
