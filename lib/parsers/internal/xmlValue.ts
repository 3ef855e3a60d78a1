/** An element's value in LangChain.js's XML shape: its text, or the list of its children. */
export type XMLContent = string | undefined | XMLResult[];

/** An element in LangChain.js's XML shape: `{ tag: text }` or `{ tag: [child, ...] }`. */
export type XMLResult = { [tag: string]: XMLContent };

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * From how many closed children an open element's list is made on first read instead of
 * at once: about where copying the list costs as much as the accessor that defers it.
 */
export const LAZY_LIST_FROM = 64;

/**
 * A closed element, or an open one without children: `{ [name]: value }`, frozen. A
 * computed key defines an own property, even for `"__proto__"`.
 */
export function frozenElement(name: string, value: XMLContent): XMLResult {
  return Object.freeze({ [name]: value });
}

function listOf(closed: readonly XMLResult[], count: number, last: XMLResult | undefined): XMLResult[] {
  const list = closed.slice(0, count);
  if (last !== undefined) list.push(last);
  return Object.freeze(list) as XMLResult[];
}

/** What a lazy list is made of; kept on its value under a private symbol. */
interface LazyList {
  readonly name: string;
  readonly closed: readonly XMLResult[];
  readonly count: number;
  readonly last: XMLResult | undefined;
  list: XMLResult[] | undefined;
}

const STATE = Symbol('lazy XML list');

// One getter and one printer for every lazy value (each finds its list by `this`), so
// that making a value allocates no closure.
function readList(this: { [STATE]: LazyList }): XMLResult[] {
  const lazy = this[STATE];
  return (lazy.list ??= listOf(lazy.closed, lazy.count, lazy.last));
}
const LIST: PropertyDescriptor = { enumerable: true, get: readList };
const PRINT: PropertyDescriptor = {
  value(this: { [STATE]: LazyList }): XMLResult {
    return { [this[STATE].name]: readList.call(this) };
  },
};

/**
 * An open element with children as one value shows it, frozen: `{ [name]: list }` where
 * the list is the first `count` closed children followed by `last` (the open child's
 * value, if any). From `LAZY_LIST_FROM` children on, the list is made when first read (an
 * enumerable getter, which then returns the same frozen array every time), so a value
 * nobody reads costs one small object however wide the element is: this keeps a stream
 * of values over a wide element linear. Node prints such a value with its list.
 *
 * `closed` may grow after this call (the element stays open) but never changes below
 * `count`, so the list is the same whenever it is made.
 */
export function openElement(
  name: string,
  closed: readonly XMLResult[],
  count: number,
  last: XMLResult | undefined,
): XMLResult {
  if (count < LAZY_LIST_FROM) return frozenElement(name, listOf(closed, count, last));
  const value: XMLResult = {};
  const lazy: LazyList = { name, closed, count, last, list: undefined };
  Object.defineProperty(value, STATE, { value: lazy });
  Object.defineProperty(value, name, LIST);
  Object.defineProperty(value, INSPECT, PRINT);
  return Object.freeze(value);
}
