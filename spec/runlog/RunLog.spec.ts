import { JsonPatchError, RunLog, RunLogPatch, type Operation, type RunState } from 'rxchain';

const root: RunState = {
  id: 'r1',
  name: 'chain',
  type: 'chain',
  streamed_output: [],
  final_output: undefined,
  logs: {},
};
const start = new RunLogPatch({ ops: [{ op: 'replace', path: '', value: root }] });
const entry = new RunLogPatch({
  ops: [
    {
      op: 'add',
      path: '/logs/step',
      value: {
        id: 'r2',
        name: 'step',
        type: 'chain',
        tags: [],
        metadata: {},
        start_time: 't0',
        streamed_output: [],
        streamed_output_str: [],
      },
    },
  ],
});
const chunk = (value: unknown) => new RunLogPatch({ ops: [{ op: 'add', path: '/streamed_output/-', value }] });

describe('RunLogPatch', () => {
  it('should hold its operations', () => {
    const ops: Operation[] = [{ op: 'add', path: '/a', value: 1 }];
    expect(new RunLogPatch({ ops }).ops).toBe(ops);
  });

  it('should add up with concat to a RunLog of both patches and the state they build from {}', () => {
    const log = start.concat(chunk('a'));
    expect(log).toBeInstanceOf(RunLog);
    expect(log.ops).toEqual([...start.ops, ...chunk('a').ops]);
    expect(log.state).toEqual({ ...root, streamed_output: ['a'] });
  });

  it('should fail concat with a JsonPatchError when an operation does not apply', () => {
    expect(() => chunk('a').concat(chunk('b'))).toThrow(JsonPatchError);
    expect(() => chunk('a').concat(chunk('b'))).toThrow(/"\/streamed_output" does not exist/);
  });
});

describe('RunLog', () => {
  it('should start from a patch and fold later patches in order', () => {
    const log = RunLog.fromRunLogPatch(start).concat(entry).concat(chunk('a')).concat(chunk('b'));
    expect(log.state.streamed_output).toEqual(['a', 'b']);
    expect(Object.keys(log.state.logs)).toEqual(['step']);
    expect(log.ops.map((op) => op.path)).toEqual(['', '/logs/step', '/streamed_output/-', '/streamed_output/-']);
  });

  it('should leave earlier logs and the patches unchanged', () => {
    const first = RunLog.fromRunLogPatch(start).concat(entry);
    const second = first.concat(chunk('a'));
    const third = second.concat(
      new RunLogPatch({ ops: [{ op: 'add', path: '/logs/step/streamed_output/-', value: 'x' }] }),
    );
    expect(first.state.streamed_output).toEqual([]);
    expect(second.state.streamed_output).toEqual(['a']);
    expect(second.state.logs['step']?.streamed_output).toEqual([]);
    expect(third.state.logs['step']?.streamed_output).toEqual(['x']);
    expect((entry.ops[0] as { value: { streamed_output: unknown[] } }).value.streamed_output).toEqual([]);
    expect(root.streamed_output).toEqual([]);
    expect(first.ops).toHaveLength(2);
    expect(second.ops).toHaveLength(3);
    expect(third.ops).toHaveLength(4);
  });

  it('should share the parts of a read state that a patch does not touch, and copy the rest', () => {
    const before = RunLog.fromRunLogPatch(start).concat(entry);
    const seen = before.state;
    const after = before.concat(chunk('a'));
    expect(after.state.logs).toBe(seen.logs);
    expect(after.state.streamed_output).not.toBe(seen.streamed_output);
    expect(before.state).toBe(seen);
    expect(seen.streamed_output).toEqual([]);
  });

  it('should give an unread log its own state when it is read after a later log was made from it', () => {
    const first = RunLog.fromRunLogPatch(start).concat(entry);
    const second = first.concat(chunk('a'));
    const third = second.concat(chunk('b'));
    // Neither `first` nor `second` was read before `third` was made from them.
    expect(third.state.streamed_output).toEqual(['a', 'b']);
    expect(second.state.streamed_output).toEqual(['a']);
    expect(first.state.streamed_output).toEqual([]);
    expect(first.state.logs['step']?.name).toBe('step');
  });

  it('should branch: two logs made from one log each get that log’s state plus their own patch', () => {
    const base = RunLog.fromRunLogPatch(start).concat(chunk('a'));
    const left = base.concat(chunk('left'));
    const right = base.concat(chunk('right'));
    expect(left.state.streamed_output).toEqual(['a', 'left']);
    expect(right.state.streamed_output).toEqual(['a', 'right']);
    expect(base.state.streamed_output).toEqual(['a']);
  });

  it('should keep an unread log readable when a later patch fails to apply', () => {
    const log = RunLog.fromRunLogPatch(start).concat(chunk('a'));
    const bad = new RunLogPatch({
      ops: [
        { op: 'add', path: '/streamed_output/-', value: 'b' },
        { op: 'remove', path: '/missing' },
      ],
    });
    expect(() => log.concat(bad)).toThrow(JsonPatchError);
    expect(log.state.streamed_output).toEqual(['a']);
    expect(log.concat(chunk('c')).state.streamed_output).toEqual(['a', 'c']);
  });

  it('should assemble ops only when read, and show them to JSON and equality like a plain field', () => {
    let log = RunLog.fromRunLogPatch(start);
    for (let i = 0; i < 5; i++) log = log.concat(chunk(i));
    expect(Object.getOwnPropertyDescriptor(log, 'ops')?.get).toBeDefined();
    expect(log.ops).toHaveLength(6);
    expect(Object.getOwnPropertyDescriptor(log, 'ops')?.value).toBe(log.ops);
    const json = JSON.parse(JSON.stringify(log)) as { ops: Operation[]; state: RunState };
    expect(json.ops.map((op) => (op as { value: unknown }).value)).toEqual([expect.any(Object), 0, 1, 2, 3, 4]);
    expect(json.state.streamed_output).toEqual([0, 1, 2, 3, 4]);
    expect(log).toEqual(new RunLog({ ops: log.ops, state: log.state }));
  });

  it('should give every log of a chain its own ops, whichever are read first', () => {
    const logs = [RunLog.fromRunLogPatch(start)];
    for (let i = 0; i < 6; i++) logs.push((logs.at(-1) as RunLog).concat(chunk(i)));
    // Read out of order: a later log first, then earlier ones, then the rest.
    const lengths = [4, 1, 6, 2, 0, 5, 3].map((i) => (logs[i] as RunLog).ops.length);
    expect(lengths).toEqual([5, 2, 7, 3, 1, 6, 4]);
    logs.forEach((log, i) =>
      expect(log.ops.slice(1).map((op) => (op as { value: unknown }).value)).toEqual(
        Array.from({ length: i }, (_, k) => k),
      ),
    );
  });

  it('should apply all of a RunLog given to concat', () => {
    const other = RunLog.fromRunLogPatch(start).concat(chunk('x'));
    const folded = RunLog.fromRunLogPatch(start).concat(chunk('a')).concat(other);
    expect(folded.state.streamed_output).toEqual(['x']);
    expect(folded.ops).toHaveLength(4);
  });
});
