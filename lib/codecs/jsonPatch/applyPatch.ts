import { JsonPatchError } from '../../errors/JsonPatchError.js';
import { jsonEqual, show } from './internal/jsonValues.js';
import type { Operation } from './Operation.js';

type Container = Record<string, unknown> | unknown[];

/** One `applyPatch` call: the containers it made itself, which it may change in place. */
interface Edit {
  readonly owned: Set<object>;
  readonly index: number;
  readonly operation: Operation;
}

/**
 * Applies JSON Patch operations (RFC 6902) to a document of plain objects and arrays,
 * without changing it: the result shares every sub-value the patch does not touch, and
 * only the objects and arrays along the paths it edits are copied (once per call, however
 * many operations go through them). Values the operations insert are used as they are,
 * never copied, and never changed by later operations.
 *
 * The operations apply in order and all or nothing: if one fails, `applyPatch` throws a
 * `JsonPatchError` naming it and the document is untouched. Cost: for each operation,
 * the depth of its path plus the size of the containers it copies (an append to an array
 * copies that array once per call).
 *
 * @param document - the document (left unchanged).
 * @param operations - the operations, applied in order.
 * @returns the patched document.
 *
 * @example
 * ```ts
 * import { applyPatch } from 'rxchain';
 *
 * const before = { logs: { 'a/b': { n: 1 } }, big: [1, 2, 3] };
 * const after = applyPatch(before, [
 *   { op: 'replace', path: '/logs/a~1b/n', value: 2 },
 *   { op: 'move', from: '/logs/a~1b', path: '/renamed' },
 * ]);
 * console.log(after); // => { logs: {}, big: [1, 2, 3], renamed: { n: 2 } }
 * console.log(before.logs['a/b'].n, (after as typeof before).big === before.big); // => 1, true
 * ```
 */
export function applyPatch(document: unknown, operations: readonly Operation[]): unknown {
  return applyOperations(document, operations, new Set<object>());
}

/**
 * `applyPatch` with the set of containers the caller may change in place: those in
 * `owned` are edited directly, any other one is copied first and the copy joins `owned`.
 * A caller that keeps `owned` across calls (and hands the document to no one in between)
 * edits each container in place once it has copied it.
 *
 * @internal Not exported from the package.
 */
export function applyOperations(document: unknown, operations: readonly Operation[], owned: Set<object>): unknown {
  let doc = document;
  operations.forEach((operation, index) => {
    doc = applyOne(doc, { owned, index, operation });
  });
  return doc;
}

function applyOne(doc: unknown, edit: Edit): unknown {
  const operation = edit.operation as unknown;
  if (operation === null || typeof operation !== 'object') {
    fail(edit, 'an operation must be an object such as { op: "add", path: "/key", value: 1 }.');
  }
  const { op, path } = operation as { op?: unknown; path?: unknown };
  if (typeof path !== 'string') fail(edit, 'its "path" must be a string (a JSON Pointer such as "/key").');
  const tokens = parsePointer(path, edit);
  const value = (operation as { value?: unknown }).value;
  switch (op) {
    case 'add':
      return add(doc, tokens, value, edit);
    case 'replace':
      return replace(doc, tokens, value, edit);
    case 'remove':
      return remove(doc, tokens, edit);
    case 'move':
    case 'copy': {
      const fromPath = (operation as { from?: unknown }).from;
      if (typeof fromPath !== 'string') fail(edit, `a ${op} needs a "from" string (a JSON Pointer).`);
      const from = parsePointer(fromPath, edit);
      const moved = read(doc, from, edit);
      if (op === 'copy') {
        // The value now sits in two places: nothing made so far may change in place any more.
        edit.owned.clear();
        return add(doc, tokens, moved, edit);
      }
      if (fromPath === path) return doc;
      if (path.startsWith(`${fromPath}/`)) fail(edit, `cannot move "${fromPath}" into its own child "${path}".`);
      return add(remove(doc, from, edit), tokens, moved, edit);
    }
    case 'test': {
      const actual = read(doc, tokens, edit);
      if (!jsonEqual(actual, value)) {
        fail(edit, `test failed: the value at "${path}" is ${show(actual)}, not ${show(value)}.`);
      }
      return doc;
    }
    default:
      return fail(edit, `unknown op ${show(op)}: use "add", "remove", "replace", "move", "copy" or "test".`);
  }
}

function add(doc: unknown, tokens: readonly string[], value: unknown, edit: Edit): unknown {
  if (tokens.length === 0) return value;
  return change(doc, tokens, edit, (parent, token) => {
    if (Array.isArray(parent)) {
      const index = token === '-' ? parent.length : arrayIndex(token, parent.length, true, tokens, tokens.length, edit);
      if (index === parent.length) parent.push(value);
      else parent.splice(index, 0, value);
    } else {
      setKey(parent, token, value);
    }
  });
}

function replace(doc: unknown, tokens: readonly string[], value: unknown, edit: Edit): unknown {
  if (tokens.length === 0) return value;
  return change(doc, tokens, edit, (parent, token) => {
    if (Array.isArray(parent)) parent[arrayIndex(token, parent.length, false, tokens, tokens.length, edit)] = value;
    else {
      if (!hasOwn(parent, token)) {
        fail(edit, `${where(tokens, tokens.length)} does not exist, so it cannot be replaced; use "add" to create it.`);
      }
      setKey(parent, token, value);
    }
  });
}

function remove(doc: unknown, tokens: readonly string[], edit: Edit): unknown {
  if (tokens.length === 0) fail(edit, 'the whole document cannot be removed; "replace" it instead.');
  return change(doc, tokens, edit, (parent, token) => {
    if (Array.isArray(parent)) parent.splice(arrayIndex(token, parent.length, false, tokens, tokens.length, edit), 1);
    else {
      if (!hasOwn(parent, token))
        fail(edit, `${where(tokens, tokens.length)} does not exist, so it cannot be removed.`);
      delete parent[token];
    }
  });
}

/**
 * Walks to the parent of the last token, copying every container on the way that this
 * call may not change, and lets `leaf` change that parent. Returns the new root.
 */
function change(
  doc: unknown,
  tokens: readonly string[],
  edit: Edit,
  leaf: (parent: Container, token: string) => void,
): unknown {
  const root = writable(doc, tokens, 0, edit);
  let parent = root;
  const last = tokens.length - 1;
  for (let depth = 0; depth < last; depth++) {
    const token = tokens[depth] as string;
    const child = childOf(parent, token, tokens, depth, edit);
    const copy = writable(child, tokens, depth + 1, edit);
    if (copy !== child) {
      if (Array.isArray(parent)) parent[Number(token)] = copy;
      else setKey(parent, token, copy);
    }
    parent = copy;
  }
  leaf(parent, tokens[last] as string);
  return root;
}

/** The value at a pointer, read-only. */
function read(doc: unknown, tokens: readonly string[], edit: Edit): unknown {
  let value = doc;
  for (let depth = 0; depth < tokens.length; depth++) {
    value = childOf(container(value, tokens, depth, edit), tokens[depth] as string, tokens, depth, edit);
  }
  return value;
}

/** The child `token` of `parent`, which sits at `tokens[0..depth)`. */
function childOf(parent: Container, token: string, tokens: readonly string[], depth: number, edit: Edit): unknown {
  if (Array.isArray(parent)) return parent[arrayIndex(token, parent.length, false, tokens, depth + 1, edit)];
  if (!hasOwn(parent, token))
    fail(edit, `${where(tokens, depth + 1)} does not exist. Add it first, or check the path.`);
  return parent[token];
}

/** `value` as a container this call may change: itself if it is owned, else a copy. */
function writable(value: unknown, tokens: readonly string[], depth: number, edit: Edit): Container {
  const target = container(value, tokens, depth, edit);
  if (edit.owned.has(target)) return target;
  let copy: Container;
  if (Array.isArray(target)) copy = target.slice();
  else if (Object.getPrototypeOf(target) === null)
    copy = Object.assign(Object.create(null) as Record<string, unknown>, target);
  else copy = { ...target };
  edit.owned.add(copy);
  return copy;
}

/** `value` (found at `tokens[0..depth)`) as an object or array to go into. */
function container(value: unknown, tokens: readonly string[], depth: number, edit: Edit): Container {
  if (Array.isArray(value)) return value as unknown[];
  if (value !== null && typeof value === 'object') {
    // A plain object: its prototype is null or an Object.prototype (of this realm or another).
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === null || Object.getPrototypeOf(proto) === null) return value as Record<string, unknown>;
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return fail(
      edit,
      `${where(tokens, depth)} is ${typeof kind === 'string' ? `a ${kind}` : 'a class instance'}; applyPatch only goes into plain objects and arrays.`,
    );
  }
  return fail(
    edit,
    `${where(tokens, depth)} is ${value === undefined ? 'undefined' : show(value)}, not an object or array, so it has no members.`,
  );
}

function arrayIndex(
  token: string,
  length: number,
  mayAppend: boolean,
  tokens: readonly string[],
  depth: number,
  edit: Edit,
): number {
  if (token === '-') {
    return fail(
      edit,
      `${where(tokens, depth)}: "-" (the end of the array) can only be the target of "add", "move" or "copy".`,
    );
  }
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    return fail(
      edit,
      `${where(tokens, depth)}: "${token}" is not an array index (digits without leading zeros, or "-" to append).`,
    );
  }
  const index = Number(token);
  const limit = mayAppend ? length : length - 1;
  if (index > limit) {
    return fail(
      edit,
      `${where(tokens, depth)} is past the end of the array (length ${length})${mayAppend ? '; use "-" to append' : ''}.`,
    );
  }
  return index;
}

function parsePointer(path: string, edit: Edit): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) fail(edit, `${show(path)} is not a JSON Pointer: it must be "" or start with "/".`);
  return path
    .slice(1)
    .split('/')
    .map((token) => {
      if (!token.includes('~')) return token;
      if (/~(?![01])/.test(token)) {
        fail(edit, `${show(path)} has a "~" that is not "~0" (for "~") or "~1" (for "/").`);
      }
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** The pointer `tokens[0..depth)`, quoted, for a message (built only when one is needed). */
function where(tokens: readonly string[], depth: number): string {
  if (depth === 0) return 'the document';
  return `"/${tokens.slice(0, depth).map(escapeToken).join('/')}"`;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` must become an own key, never the object's prototype.
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

function fail(edit: Edit, problem: string): never {
  const path = (edit.operation as { path?: unknown } | null)?.path;
  throw new JsonPatchError(problem, edit.index, edit.operation, typeof path === 'string' ? path : undefined);
}
