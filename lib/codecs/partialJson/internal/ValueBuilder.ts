import type { Operation } from '../../jsonPatch/Operation.js';
import { Frame, NO_CHILD, type Child } from './Frame.js';
import { KeyTable } from './KeyTable.js';

/**
 * Builds the value denoted by a JSON prefix from scanner events, sharing
 * unchanged containers between successive snapshots.
 *
 * The stack holds the open containers (the "spine" from the root to the value
 * being parsed). Complete children are stored once, by reference, in their
 * parent frame, so a snapshot's complete subtrees are the same objects in
 * every later snapshot. Every visible change happens at the innermost
 * position, so a change always invalidates exactly the spine; `value`
 * rebuilds the spine (one shallow copy per open container, innermost first)
 * only when read after a change. The cost of a read is therefore
 * O(depth + total size of the open containers), independent of how much
 * text came before.
 *
 * Internal to `lib/codecs/partialJson`; not part of the public API.
 */
export class ValueBuilder {
  private readonly stack: Frame[] = [];
  private readonly keys = new KeyTable();
  private top: Frame | undefined = undefined;
  /** Visible value of the scalar being parsed at the innermost position. */
  private leaf: unknown = undefined;
  private leafVisible = false;
  /** The complete root value, once there is one. */
  private root: unknown = undefined;
  /** The last snapshot handed out. */
  private current: unknown = undefined;
  /** A visible change happened since `current` was built. */
  private dirty = false;

  /** Set on every visible change; cleared by the owner (once per push). */
  changed = false;

  // What the last `patch()` reported, for the next one to start from: the open
  // containers then (outermost first), how many complete children each had,
  // whether each had a visible child in progress, and the visible leaf.
  private reported = false;
  private readonly seenFrames: Frame[] = [];
  private readonly seenCounts: number[] = [];
  private readonly seenPartial: boolean[] = [];
  private seenLeaf: unknown = undefined;

  /** Number of open containers. */
  get depth(): number {
    return this.stack.length;
  }

  /** Whether the innermost open container is an array. */
  get inArray(): boolean {
    return this.top !== undefined && this.top.isArray;
  }

  /** Opens an array (`true`) or object (`false`) at the current position. */
  open(isArray: boolean): void {
    const parent = this.top;
    const frame = new Frame(isArray, parent === undefined ? '' : parent.childPath(parent.values.length));
    this.stack.push(frame);
    this.top = frame;
    this.leafVisible = false;
    this.leaf = undefined;
    this.markChanged();
  }

  /** Sets the key under which the next value of the innermost object goes. */
  setKey(key: string): void {
    this.top?.setKey(this.keys.info(key));
  }

  /** Shows `value` as the (incomplete) scalar at the innermost position. */
  showLeaf(value: unknown): void {
    if (!this.leafVisible || !Object.is(this.leaf, value)) {
      this.leaf = value;
      this.leafVisible = true;
      this.markChanged();
    }
  }

  /** Completes the scalar at the innermost position with its final `value`. */
  commitLeaf(value: unknown): void {
    if (!this.leafVisible || !Object.is(this.leaf, value)) this.markChanged();
    this.leafVisible = false;
    this.leaf = undefined;
    this.attach(value);
  }

  /** Closes the innermost container and adds it to its parent. */
  close(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return;
    this.top = this.stack[this.stack.length - 1];
    // Not dirty: the last snapshot of this container is still exact, so the
    // consumer keeps seeing the same object. Dirty: build it (an array hands
    // over its private storage: nothing will write to it any more).
    const cache = frame.cache;
    // Complete containers are shared by every later value: frozen, so that a consumer
    // cannot change what the parser hands out next.
    let complete: unknown;
    if (!this.dirty && cache !== undefined) complete = cache;
    else complete = Object.freeze(frame.isArray ? frame.values : frame.build(NO_CHILD));
    this.attach(complete);
  }

  /** The current best value (`undefined` when there is none yet). */
  get value(): unknown {
    if (this.dirty) {
      this.current = this.materialise();
      this.dirty = false;
    }
    return this.current;
  }

  /**
   * The JSON Patch operations (RFC 6902) that take the value the previous call
   * reported to the current value: the first call that finds a value replaces
   * the root (`path: ''`); later calls `replace` the child that was in progress
   * and `add` the children that appeared since. Nothing is materialised but
   * the subtrees that appeared since the previous call, so the cost is
   * O(depth + size of the new content): linear over a whole document, however
   * large its arrays. Independent of `value` (either may be read, or both).
   * The containers in progress in the operations are fresh copies; complete
   * ones are frozen and shared with `value`.
   */
  patch(): Operation[] {
    const ops: Operation[] = [];
    if (!this.reported) {
      const first = this.snapshot(0);
      if (first === undefined) return ops;
      ops.push({ op: 'replace', path: '', value: first });
      this.reported = true;
    } else if (this.onlyLeafChanged()) {
      // The common case, most chunks of a long document: the scalar in progress grew.
      const top = this.top as Frame;
      if (!Object.is(this.leaf, this.seenLeaf)) {
        ops.push({ op: 'replace', path: top.childPath(top.values.length), value: this.leaf });
        this.seenLeaf = this.leaf;
      }
      return ops;
    } else if (this.seenFrames.length === 0) {
      // A scalar root: the leaf in progress, or the complete root.
      const now = this.stack.length === 0 && !this.leafVisible ? this.root : this.leaf;
      if (!Object.is(now, this.seenLeaf)) ops.push({ op: 'replace', path: '', value: now });
    } else {
      this.walk(0, ops);
    }
    this.remember();
    return ops;
  }

  /**
   * Whether the last report and now have the same open containers, with the same
   * complete children, and a scalar in progress at the innermost one in both: then only
   * that scalar can have changed. (A frame still open has the frames above it open too,
   * and their children change only when it closes.)
   */
  private onlyLeafChanged(): boolean {
    const top = this.top;
    const level = this.stack.length - 1;
    return (
      this.leafVisible &&
      top !== undefined &&
      this.seenFrames.length === level + 1 &&
      this.seenFrames[level] === top &&
      this.seenCounts[level] === top.values.length &&
      this.seenPartial[level] === true
    );
  }

  /** Operations for the reported frame at `level` and the frames below it. */
  private walk(level: number, ops: Operation[]): void {
    const frame = this.seenFrames[level] as Frame;
    const stack = this.stack;
    const open = level < stack.length && stack[level] === frame;
    const values = frame.values;
    const length = values.length;
    const seen = this.seenCounts[level] as number;
    let next = seen;
    if (this.seenPartial[level] === true) {
      if (level + 1 < this.seenFrames.length) {
        // The child in progress was a container: whether still open or closed
        // since, its own changes are finer-grained operations below it.
        this.walk(level + 1, ops);
        next = seen + 1;
      } else if (length > seen) {
        // The scalar in progress is complete now.
        if (!Object.is(values[seen], this.seenLeaf)) {
          ops.push({ op: 'replace', path: frame.childPath(seen), value: values[seen] });
        }
        next = seen + 1;
      } else if (open && this.top === frame && this.leafVisible) {
        if (!Object.is(this.leaf, this.seenLeaf)) {
          ops.push({ op: 'replace', path: frame.childPath(seen), value: this.leaf });
        }
        next = seen + 1;
      }
    }
    for (let i = next; i < length; i++) {
      ops.push({ op: 'add', path: frame.childPath(i), value: values[i] });
    }
    if (open && length >= next) {
      // A child in progress that appeared since the last report.
      let child: unknown = NO_CHILD;
      if (level + 1 < stack.length) child = this.snapshot(level + 1);
      else if (this.leafVisible) child = this.leaf;
      if (child !== NO_CHILD) ops.push({ op: 'add', path: frame.childPath(length), value: child });
    }
  }

  /** A fresh copy of the value from open container `level` down (the root when 0), caches untouched. */
  private snapshot(level: number): unknown {
    const stack = this.stack;
    let child: Child = this.leafVisible ? this.leaf : NO_CHILD;
    for (let i = stack.length - 1; i >= level; i--) child = (stack[i] as Frame).build(child);
    if (child !== NO_CHILD) return child;
    return level === 0 ? this.root : undefined;
  }

  /** Records the current shape as what `patch()` reported. */
  private remember(): void {
    const stack = this.stack;
    const depth = stack.length;
    if (this.seenFrames.length !== depth) {
      this.seenFrames.length = depth;
      this.seenCounts.length = depth;
      this.seenPartial.length = depth;
    }
    for (let i = 0; i < depth; i++) {
      const frame = stack[i] as Frame;
      this.seenFrames[i] = frame;
      this.seenCounts[i] = frame.values.length;
      this.seenPartial[i] = i + 1 < depth || this.leafVisible;
    }
    this.seenLeaf = depth === 0 && !this.leafVisible ? this.root : this.leaf;
  }

  private markChanged(): void {
    this.changed = true;
    this.dirty = true;
  }

  private attach(value: unknown): void {
    const top = this.top;
    if (top === undefined) this.root = value;
    else top.add(value);
  }

  private materialise(): unknown {
    const stack = this.stack;
    let child: Child = this.leafVisible ? this.leaf : NO_CHILD;
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i] as Frame;
      const built = Object.freeze(frame.build(child));
      frame.cache = built;
      child = built;
    }
    return child === NO_CHILD ? this.root : child;
  }
}
