/**
 * One RFC 6902 JSON Patch operation: `add`, `remove`, `replace`, `move`, `copy` or
 * `test`. `path` and `from` are JSON Pointers (RFC 6901): `""` is the whole document,
 * `/a/0` is item 0 of key `a`, `~1` stands for `/` and `~0` for `~` inside a key, and
 * `-` after an array means "append" (in `add`, `move` and `copy` targets).
 *
 * @example
 * ```ts
 * import { applyPatch, type Operation } from 'rxchain';
 *
 * const ops: Operation[] = [
 *   { op: 'add', path: '/tags/-', value: 'new' },
 *   { op: 'test', path: '/tags/0', value: 'old' },
 * ];
 * console.log(applyPatch({ tags: ['old'] }, ops)); // => { tags: ['old', 'new'] }
 * ```
 */
export type Operation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'move'; readonly path: string; readonly from: string }
  | { readonly op: 'copy'; readonly path: string; readonly from: string }
  | { readonly op: 'test'; readonly path: string; readonly value: unknown };

/**
 * A JSON Patch operation as rxchain's producers make them (`add`, `replace`, `remove`).
 * @deprecated Use `Operation`, the one JSON Patch operation type.
 */
export type JsonPatchOperation = Operation;

/**
 * Escapes one JSON Pointer reference token (RFC 6901).
 *
 * @example
 * ```ts
 * import { escapePointer } from 'rxchain';
 *
 * console.log(escapePointer('a/b~c')); // => 'a~1b~0c'
 * ```
 */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
