/** The deepest nesting of arrays and objects rxchain reads or writes on the wire. */
export const MAX_NESTING_DEPTH = 1_000;

/**
 * Whether a JSON text nests arrays and objects deeper than `limit`, found in one pass
 * over its characters (brackets inside strings do not count) without parsing it.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 91 /* [ */ || code === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (code === 93 /* ] */ || code === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

/**
 * Whether a value nests arrays and plain objects deeper than `limit`, walked without
 * recursion (so any depth is measured without overflowing the stack) and stopping at the
 * first level past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object' || seen.has(item)) continue;
    if (depth + 1 > limit) return true;
    seen.add(item);
    for (const inner of Array.isArray(item) ? item : Object.values(item)) stack.push([inner, depth + 1]);
  }
  return false;
}
