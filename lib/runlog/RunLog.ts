import { applyOperations, applyPatch } from '../codecs/jsonPatch/applyPatch.js';
import type { Operation } from '../codecs/jsonPatch/Operation.js';
import type { RunState } from './RunState.js';

/** The operations of a run log, as a chain of the patches it was built from. */
interface OpsNode {
  readonly ops: readonly Operation[];
  readonly previous: OpsNode | undefined;
  /** All operations up to and including this node, once someone asked for them. */
  all?: readonly Operation[];
}

/**
 * One step of a run log, as `streamLog` yields it: JSON Patch operations (RFC 6902)
 * that bring the log's state (a `RunState`) up to date. Patches add up with `concat`.
 *
 * @example
 * ```ts
 * import { RunnableLambda } from 'rxchain';
 *
 * const shout = RunnableLambda.from(function shout(x: string) {
 *   return x.toUpperCase();
 * }, { name: 'shout' });
 * const paths: string[] = [];
 * for await (const patch of shout.streamLog('hey')) paths.push(...patch.ops.map((op) => `${op.op} ${op.path}`));
 * console.log(paths); // => ['replace ', 'add /streamed_output/-', 'add /final_output']
 * ```
 */
export class RunLogPatch {
  /** The operations, in order. */
  readonly ops: readonly Operation[];

  /**
   * @param fields - the operations.
   */
  constructor(fields: { readonly ops: readonly Operation[] }) {
    this.ops = fields.ops;
  }

  /**
   * Adds a later patch (or log) to this one.
   *
   * @param other - the later patch.
   * @returns the log of both: their operations and the state they build from `{}`.
   * @throws JsonPatchError if an operation does not apply.
   *
   * @example
   * ```ts
   * import { RunLogPatch } from 'rxchain';
   *
   * const first = new RunLogPatch({ ops: [{ op: 'replace', path: '', value: { streamed_output: [] } }] });
   * const second = new RunLogPatch({ ops: [{ op: 'add', path: '/streamed_output/-', value: 'hi' }] });
   * const log = first.concat(second);
   * console.log(log.state, log.ops.length); // => { streamed_output: ['hi'] }, 2
   * ```
   */
  concat(other: RunLogPatch): RunLog {
    return RunLog.fromRunLogPatch(this).concat(other);
  }
}

/**
 * A run log: the operations so far and the `state` they build. `concat` applies only the
 * new patch's operations and never changes an earlier log's state: it copies the objects
 * and arrays the operations touch (once) and shares the rest. When the earlier log's
 * state was never read, it is handed on instead and changed in place, so folding patches
 * and reading the state at the end costs the size of the operations, not more; reading
 * every step's state costs, per step, the size of the containers that step touches (an
 * appended chunk copies that run's `streamed_output`). A log whose state was handed on
 * rebuilds it from its operations if it is read later. `ops` is assembled on first read.
 *
 * @example
 * ```ts
 * import { RunLog, RunnableLambda } from 'rxchain';
 *
 * const double = RunnableLambda.from(function double(x: number) {
 *   return x * 2;
 * }, { name: 'double' });
 * let log: RunLog | undefined;
 * for await (const patch of double.streamLog(21)) log = log === undefined ? RunLog.fromRunLogPatch(patch) : log.concat(patch);
 * console.log(log?.state.final_output, log?.ops.length); // => 42, 3
 * ```
 */
export class RunLog extends RunLogPatch {
  /** The state the operations build (treat it as read-only: later logs may share parts of it). */
  declare readonly state: RunState;
  /** This log's state, unless it was handed on to a later log before anyone read it. */
  #state: RunState | undefined;
  /** The containers of `#state` that no one else has seen, while no one has read it. */
  #unseen: Set<object> | undefined;
  #node: OpsNode;

  /**
   * @param fields - the operations so far and the state they build.
   */
  constructor(fields: { readonly ops: readonly Operation[]; readonly state: RunState }) {
    super(fields);
    this.#state = fields.state;
    this.#node = { ops: fields.ops, previous: undefined, all: fields.ops };
    // Own, enumerable properties (so JSON and equality see them).
    Object.defineProperty(this, 'ops', {
      enumerable: true,
      configurable: true,
      get: () => {
        const all = collect(this.#node);
        Object.defineProperty(this, 'ops', { value: all, enumerable: true, writable: false, configurable: true });
        return all;
      },
    });
    Object.defineProperty(this, 'state', { enumerable: true, configurable: true, get: () => this.#readState() });
  }

  #readState(): RunState {
    // Once seen, the state may be kept: later logs must copy what they change.
    this.#unseen = undefined;
    return (this.#state ??= applyPatch({}, collect(this.#node)) as RunState);
  }

  /**
   * Starts a log from a patch: its state is the patch applied to `{}`.
   *
   * @param patch - the first patch (its first operation usually replaces the whole state).
   * @returns the log.
   * @throws JsonPatchError if an operation does not apply.
   *
   * @example
   * ```ts
   * import { RunLog, RunLogPatch } from 'rxchain';
   *
   * const patch = new RunLogPatch({ ops: [{ op: 'add', path: '/name', value: 'chain' }] });
   * console.log(RunLog.fromRunLogPatch(patch).state); // => { name: 'chain' }
   * ```
   */
  static fromRunLogPatch(patch: RunLogPatch): RunLog {
    const unseen = new Set<object>();
    const log = new RunLog({ ops: patch.ops, state: applyOperations({}, patch.ops, unseen) as RunState });
    log.#unseen = unseen;
    return log;
  }

  /**
   * Applies a later patch (or log) to this log's state.
   *
   * @param other - the later patch.
   * @returns a new log; this one keeps its state.
   * @throws JsonPatchError if an operation does not apply.
   *
   * @example
   * ```ts
   * import { RunLog, RunLogPatch } from 'rxchain';
   *
   * const log = new RunLog({ ops: [], state: { id: '1', name: 'x', type: 'chain', streamed_output: [], logs: {} } });
   * const next = log.concat(new RunLogPatch({ ops: [{ op: 'add', path: '/streamed_output/-', value: 1 }] }));
   * console.log(next.state.streamed_output, log.state.streamed_output); // => [1], []
   * ```
   */
  override concat(other: RunLogPatch): RunLog {
    let unseen = this.#unseen;
    let base = this.#state;
    if (unseen !== undefined && base !== undefined) {
      // Nobody has read this log's state: hand it on (this log rebuilds it if read later).
      this.#unseen = undefined;
      this.#state = undefined;
    } else {
      unseen = new Set<object>();
      base = this.#readState();
    }
    const next = new RunLog({ ops: [], state: applyOperations(base, other.ops, unseen) as RunState });
    next.#unseen = unseen;
    next.#node = { ops: other.ops, previous: this.#node };
    return next;
  }
}

function collect(node: OpsNode): readonly Operation[] {
  if (node.all !== undefined) return node.all;
  const parts: (readonly Operation[])[] = [];
  let at: OpsNode | undefined = node;
  while (at !== undefined && at.all === undefined) {
    parts.push(at.ops);
    at = at.previous;
  }
  const all: Operation[] = at?.all !== undefined ? at.all.slice() : [];
  // The chain keeps only the newest assembled list, not one per log read.
  if (at !== undefined && at !== node) delete at.all;
  for (let i = parts.length - 1; i >= 0; i--) {
    for (const op of parts[i] as readonly Operation[]) all.push(op);
  }
  node.all = all;
  return all;
}
