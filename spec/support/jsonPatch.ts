import type { Operation } from 'rxchain';

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A small, independent RFC 6902 applier to check emitted patches. rxchain's producers
 * make only add, replace and remove: any other operation fails the check.
 */
export function applyPatchForTest(document: unknown, ops: readonly Operation[]): unknown {
  let doc = structuredClone(document);
  for (const op of ops) {
    if (op.op !== 'add' && op.op !== 'replace' && op.op !== 'remove') {
      throw new Error(`A producer made a "${op.op}" operation; only add, replace and remove are expected.`);
    }
    if (op.path === '') {
      if (op.op === 'remove') doc = undefined;
      else doc = structuredClone(op.value);
      continue;
    }
    const tokens = op.path.slice(1).split('/').map(unescape);
    const last = tokens.pop() as string;
    let target = doc as Record<string, unknown>;
    for (const token of tokens)
      target = Object.getOwnPropertyDescriptor(target, token)?.value as Record<string, unknown>;
    if (Array.isArray(target)) {
      const index = last === '-' ? target.length : Number(last);
      if (op.op === 'add') target.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'replace') target[index] = structuredClone(op.value);
      else target.splice(index, 1);
    } else if (op.op === 'remove') {
      delete target[last];
    } else {
      // An own data property even for keys such as "__proto__", as JSON.parse makes them.
      Object.defineProperty(target, last, {
        value: structuredClone(op.value),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return doc;
}
