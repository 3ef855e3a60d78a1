/**
 * The live run tree of the demo page, built from v2 events: a run appears at its start
 * event under its parent (the last of its `parent_ids`), collects its stream chunks, and
 * shows its status and duration.
 */
import type { StreamEvent } from 'rxchain';
import { formatDuration } from './format';

/** A run's state as the page shows it. */
export type RunStatus = 'running' | 'done' | 'error' | 'cancelled';

/** One run of the tree. */
export interface RunNode {
  readonly id: string;
  readonly name: string;
  /** `chain`, `prompt`, `chat_model`, `parser`, `retriever`... */
  readonly type: string;
  readonly tags: readonly string[];
  readonly started: number;
  status: RunStatus;
  ended: number | undefined;
  input: unknown;
  output: unknown;
  error: unknown;
  readonly chunks: unknown[];
}

const EVENT = /^on_(\w+?)_(start|stream|end|error)$/;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

interface Row {
  readonly node: RunNode;
  readonly item: HTMLLIElement;
  readonly status: HTMLElement;
  readonly duration: HTMLElement;
  readonly count: HTMLElement;
  readonly children: HTMLUListElement;
}

/** The run tree, rendered into a `<ul>`. */
export class RunTree {
  readonly #rows = new Map<string, Row>();
  #selected: string | undefined;

  /**
   * @param list - the `<ul>` the root runs go in.
   * @param onChange - called when a run changes (to refresh its details), and on selection.
   */
  constructor(
    private readonly list: HTMLUListElement,
    private readonly onChange: (node: RunNode, selected: boolean) => void,
  ) {}

  /** The selected run, if any. */
  get selected(): RunNode | undefined {
    return this.#selected === undefined ? undefined : this.#rows.get(this.#selected)?.node;
  }

  /** The runs, in start order. */
  get nodes(): RunNode[] {
    return [...this.#rows.values()].map((row) => row.node);
  }

  /** Empties the tree for a new run. */
  reset(): void {
    this.#rows.clear();
    this.#selected = undefined;
    this.list.replaceChildren();
  }

  /** Applies one event at time `now` (milliseconds, `performance.now()`). */
  apply(event: StreamEvent, now: number): void {
    const match = EVENT.exec(event.event);
    if (match === null) return; // custom events have no run of their own
    const [, type = 'chain', phase] = match;
    if (phase === 'start') {
      this.#add(event, type, now);
      return;
    }
    const row = this.#rows.get(event.run_id);
    if (row === undefined) return;
    const { node } = row;
    if (phase === 'stream') {
      node.chunks.push(event.data.chunk);
      row.count.textContent = String(node.chunks.length);
      row.count.hidden = false;
    } else {
      node.status = phase === 'end' ? 'done' : 'error';
      node.ended = now;
      if (event.data.input !== undefined) node.input = event.data.input;
      node.output = event.data.output;
      node.error = event.data.error;
    }
    this.tick(now);
    this.#refresh(row);
  }

  /** Marks the runs still running as cancelled (the run was unsubscribed). */
  cancelRunning(now: number): void {
    for (const row of this.#rows.values()) {
      if (row.node.status !== 'running') continue;
      row.node.status = 'cancelled';
      row.node.ended = now;
      this.#refresh(row);
    }
  }

  /** Updates the durations of the runs still running. */
  tick(now: number): void {
    for (const row of this.#rows.values()) {
      if (row.node.status === 'running') row.duration.textContent = formatDuration(now - row.node.started);
    }
  }

  /** Selects run `id` (shows its details). */
  select(id: string): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    const previous = this.#selected === undefined ? undefined : this.#rows.get(this.#selected);
    previous?.item.classList.remove('selected');
    this.#selected = id;
    row.item.classList.add('selected');
    this.onChange(row.node, true);
  }

  #add(event: StreamEvent, type: string, now: number): void {
    const node: RunNode = {
      id: event.run_id,
      name: event.name,
      type,
      tags: event.tags,
      started: now,
      status: 'running',
      ended: undefined,
      input: event.data.input,
      output: undefined,
      error: undefined,
      chunks: [],
    };
    const item = el('li', 'run-node');
    item.dataset['testid'] = 'run-node';
    item.dataset['runId'] = node.id;
    item.dataset['name'] = node.name;
    item.dataset['type'] = node.type;
    const label = el('button', 'run-row');
    label.type = 'button';
    label.dataset['testid'] = 'run-row';
    const status = el('span', 'dot');
    const name = el('span', 'name', node.name);
    const badge = el('span', `type type-${node.type}`, node.type);
    const tags = el('span', 'tags');
    for (const tag of node.tags) tags.append(el('span', 'tag', tag));
    const count = el('span', 'count');
    count.hidden = true;
    count.title = 'stream chunks';
    const duration = el('span', 'duration', '0 ms');
    label.append(status, name, badge, tags, count, duration);
    label.addEventListener('click', () => this.select(node.id));
    const children = el('ul', 'children');
    item.append(label, children);

    const row: Row = { node, item, status, duration, count, children };
    this.#rows.set(node.id, row);
    const parentId = event.parent_ids[event.parent_ids.length - 1];
    const parent = parentId === undefined ? undefined : this.#rows.get(parentId);
    (parent?.children ?? this.list).append(item);
    this.#refresh(row);
  }

  #refresh(row: Row): void {
    const { node } = row;
    row.item.dataset['status'] = node.status;
    row.status.title = node.status;
    if (node.ended !== undefined) row.duration.textContent = formatDuration(node.ended - node.started);
    if (this.#selected === node.id) this.onChange(node, false);
  }
}
