import { escapePointer, type Operation } from '../../codecs/jsonPatch/Operation.js';
import { frozenElement, openElement, type XMLContent, type XMLResult } from './xmlValue.js';

interface OpenElement {
  readonly name: string;
  /** The closed children, each final (never written again). */
  readonly children: XMLResult[];
  text: string;
  /** A child was opened: the value is the list of children, not the text. */
  hasChildren: boolean;
  /** The JSON Pointer of the element's value in the document. */
  readonly path: string;
}

/** A fresh, unfrozen element for a JSON Patch operation (a consumer may apply it in place). */
function element(name: string, value: XMLContent): XMLResult {
  // A computed key defines an own property, even for "__proto__".
  return { [name]: value };
}

/**
 * The document an XML stream denotes so far, in LangChain.js's shape, built from the
 * scanner's open, text and close events. Every change happens at the innermost open
 * element, so the closed children are final: `value()` makes one object per open element
 * (its list of children is made only if read, see `openElement`), and `takeOps()` reports just the changes since the
 * last call (an added child, a replaced text) without copying anything.
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class XmlTree {
  readonly #stack: OpenElement[] = [];
  #root: XMLResult | undefined;
  /** The root was closed: later markup is ignored. */
  done = false;
  /** A visible change happened since the owner last cleared it. */
  changed = false;
  readonly #ops: Operation[] | undefined;
  #dirtyText: OpenElement | undefined;

  /**
   * @param patches - whether to record JSON Patch operations for `takeOps`.
   */
  constructor(patches: boolean) {
    this.#ops = patches ? [] : undefined;
  }

  /** Whether an element was opened yet. */
  get started(): boolean {
    return this.#root !== undefined || this.#stack.length > 0;
  }

  /** Opens element `name` inside the innermost open one. */
  open(name: string): void {
    if (this.done) return;
    this.#flushText();
    const parent = this.#stack[this.#stack.length - 1];
    let path: string;
    if (parent === undefined) {
      path = `/${escapePointer(name)}`;
      this.#ops?.push({ op: 'replace', path: '', value: element(name, '') });
    } else {
      const index = parent.children.length;
      path = `${parent.path}/${index}/${escapePointer(name)}`;
      if (parent.hasChildren) this.#ops?.push({ op: 'add', path: `${parent.path}/${index}`, value: element(name, '') });
      else this.#ops?.push({ op: 'replace', path: parent.path, value: [element(name, '')] });
      parent.hasChildren = true;
    }
    this.#stack.push({ name, children: [], text: '', hasChildren: false, path });
    this.changed = true;
  }

  /** Adds text to the innermost open element (ignored once it has children, as in LangChain.js). */
  text(text: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined || top.hasChildren || text.length === 0) return;
    top.text += text;
    this.#dirtyText = top;
    this.changed = true;
  }

  /** Closes the innermost open element named `name` (and any left open inside it); an unmatched close is ignored. */
  close(name: string): void {
    const stack = this.#stack;
    let at = stack.length - 1;
    while (at >= 0 && (stack[at] as OpenElement).name !== name) at--;
    if (at < 0) return;
    this.#flushText();
    while (stack.length > at) {
      const closed = stack.pop() as OpenElement;
      const result = frozenElement(
        closed.name,
        closed.hasChildren ? (Object.freeze(closed.children) as XMLResult[]) : closed.text,
      );
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        this.#root = result;
        this.done = true;
      } else parent.children.push(result);
    }
  }

  /**
   * The document so far (`undefined` before the first element), frozen: a fresh object
   * for each open element (whose list of children is made when first read), the closed
   * ones shared with earlier values. O(depth), however wide the open elements are.
   */
  value(): XMLResult | undefined {
    const stack = this.#stack;
    if (stack.length === 0) return this.#root;
    let child: XMLResult | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const open = stack[i] as OpenElement;
      child = open.hasChildren
        ? openElement(open.name, open.children, open.children.length, child)
        : frozenElement(open.name, open.text);
    }
    return child;
  }

  /** The operations since the last call (patch mode only). */
  takeOps(): Operation[] {
    this.#flushText();
    const ops = this.#ops;
    if (ops === undefined || ops.length === 0) return [];
    const taken = ops.slice();
    ops.length = 0;
    return taken;
  }

  #flushText(): void {
    const dirty = this.#dirtyText;
    if (dirty === undefined) return;
    this.#dirtyText = undefined;
    this.#ops?.push({ op: 'replace', path: dirty.path, value: dirty.text });
  }
}
