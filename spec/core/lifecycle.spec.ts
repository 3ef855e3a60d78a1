import { EMPTY, of, type Observable } from 'rxjs';
import {
  ChatPromptTemplate,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type RunEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { names, recordEvents } from '../support/events';
import { byName } from '../support/lifecycle';

describe('the run lifecycle', () => {
  describe('ordering in a sequence of three plain lambdas', () => {
    const a = RunnableLambda.from(
      function a(x: string) {
        return `${x}a`;
      },
      { name: 'a' },
    );
    const b = RunnableLambda.from(
      function b(x: string) {
        return `${x}b`;
      },
      { name: 'b' },
    );
    const c = RunnableLambda.from(
      function c(x: string) {
        return `${x}c`;
      },
      { name: 'c' },
    );
    const chain = RunnableSequence.from([a, b, c]);

    it('should emit starts in pipeline order, each start before its chunk (at its first input chunk), each end after, the root end last', async () => {
      const events = await recordEvents(chain, '>');
      expect(names(events)).toEqual([
        'start:RunnableSequence',
        'start:a',
        'stream:a',
        'start:b',
        'end:a',
        'stream:b',
        'start:c',
        'end:b',
        'stream:c',
        'stream:RunnableSequence',
        'end:c',
        'end:RunnableSequence',
      ]);
    });

    it('should give the root start its input, start each lambda without one (it starts before its input is whole, as in LangChain), and each end its input and output', async () => {
      const events = await recordEvents(chain, '>');
      const starts = events.flatMap((e) => (e.type === 'start' ? [e] : []));
      expect(starts.map((e) => [e.hasInput, e.input])).toEqual([
        [true, '>'],
        [false, undefined],
        [false, undefined],
        [false, undefined],
      ]);
      expect(
        events.filter((e) => e.type === 'end').map((e) => (e.type === 'end' ? [e.run.name, e.input, e.output] : null)),
      ).toEqual([
        ['a', '>', '>a'],
        ['b', '>a', '>ab'],
        ['c', '>ab', '>abc'],
        ['RunnableSequence', '>', '>abc'],
      ]);
    });

    it('should tag steps seq:step:N and list ancestors root first', async () => {
      const events = await recordEvents(chain, '>');
      const starts = events.filter((e) => e.type === 'start');
      expect(starts.map((e) => [e.run.name, e.run.runId, e.run.parentIds, e.run.tags])).toEqual([
        ['RunnableSequence', 'r1', [], []],
        ['a', 'r2', ['r1'], ['seq:step:1']],
        ['b', 'r3', ['r1'], ['seq:step:2']],
        ['c', 'r4', ['r1'], ['seq:step:3']],
      ]);
    });
  });

  describe('tags and ancestry of nested sequences and maps', () => {
    const inner = RunnableSequence.from([(x: string) => x.toUpperCase(), (x: string) => `${x}!`], 'inner');
    const map = RunnableMap.from({ shout: inner, same: new RunnablePassthrough<string>() });
    const outer = RunnableSequence.from([(x: string) => x.trim(), map], 'outer').withConfig({
      tags: ['outer-tag'],
      metadata: { user: 'u1' },
    });

    it('should put position tags on the immediate child only and inherit bound tags', async () => {
      const events = await recordEvents(outer, ' hi ');
      const tagsOf = (name: string): readonly string[] | undefined => byName(events, name)[0]?.run.tags;
      expect(tagsOf('outer')).toEqual(['outer-tag']);
      expect(tagsOf('RunnableMap')).toEqual(['seq:step:2', 'outer-tag']);
      expect(tagsOf('inner')).toEqual(['map:key:shout', 'outer-tag']);
      expect(tagsOf('RunnablePassthrough')).toEqual(['map:key:same', 'outer-tag']);
      const innerSteps = events.filter((e) => e.type === 'start' && e.run.parentIds.length === 3);
      expect(innerSteps.map((e) => e.run.tags)).toEqual([
        ['seq:step:1', 'outer-tag'],
        ['seq:step:2', 'outer-tag'],
      ]);
    });

    it('should give every run the full chain of ancestor ids and the inherited metadata', async () => {
      const events = await recordEvents(outer, ' hi ');
      const idOf = (name: string): string | undefined => byName(events, name)[0]?.run.runId;
      const rootId = idOf('outer') as string;
      const mapId = idOf('RunnableMap') as string;
      const innerId = idOf('inner') as string;
      expect(byName(events, 'RunnableMap')[0]?.run.parentIds).toEqual([rootId]);
      expect(byName(events, 'inner')[0]?.run.parentIds).toEqual([rootId, mapId]);
      const deepest = events.filter((e) => e.run.parentIds.length === 3);
      expect(deepest.length).toBeGreaterThan(0);
      for (const e of deepest) expect(e.run.parentIds).toEqual([rootId, mapId, innerId]);
      for (const e of events) expect(e.run.metadata).toEqual({ user: 'u1' });
    });

    it('should aggregate the map pieces into the whole object at the end', async () => {
      const events = await recordEvents(outer, ' hi ');
      const mapEnd = byName(events, 'RunnableMap').find((e) => e.type === 'end');
      expect(mapEnd).toMatchObject({ type: 'end', input: 'hi', output: { shout: 'HI!', same: 'hi' } });
      expect(await outer.invoke(' hi ')).toEqual({ shout: 'HI!', same: 'hi' });
    });
  });

  describe('streaming steps', () => {
    it('should start a stream step at its first input chunk, without input, report each model token after the steps downstream, and report its input at the end', async () => {
      const model = new ScriptedChatModel({ responses: ['one two'] });
      const chain = model.pipe(new StringOutputParser());
      const events = await recordEvents(chain, 'q');
      expect(names(events)).toEqual([
        'start:RunnableSequence',
        'start:ScriptedChatModel',
        'start:StrOutputParser',
        'stream:StrOutputParser',
        'stream:RunnableSequence',
        'stream:ScriptedChatModel',
        'stream:StrOutputParser',
        'stream:RunnableSequence',
        'stream:ScriptedChatModel',
        'end:ScriptedChatModel',
        'end:StrOutputParser',
        'end:RunnableSequence',
      ]);
      const parserStart = events[2] as Extract<RunEvent, { type: 'start' }>;
      expect(parserStart.hasInput).toBe(false);
      const parserEnd = byName(events, 'StrOutputParser').find((e) => e.type === 'end');
      expect(parserEnd?.type === 'end' && (parserEnd.input as { content: string }).content).toBe('one two');
      expect(parserEnd).toMatchObject({ output: 'one two' });
    });

    it('should report a chat model start input as { messages: [[...]] }', async () => {
      const model = new ScriptedChatModel({ responses: ['ok'] });
      const chain = ChatPromptTemplate.fromTemplate('Hi {name}').pipe(model);
      const events = await recordEvents(chain, { name: 'Ada' });
      const start = byName(events, 'ScriptedChatModel')[0];
      expect(start?.type).toBe('start');
      const input = start?.type === 'start' ? (start.input as { messages: { text: string }[][] }) : undefined;
      expect(input?.messages[0]?.map((m) => m.text)).toEqual(['Hi Ada']);
    });

    it('should start a step whose operator ignores its input when it first emits', async () => {
      const constant = RunnableLambda.fromOperator(() => of('x'), { name: 'constant' });
      const events = await recordEvents(
        RunnableSequence.from([RunnableLambda.fromOperator((_: Observable<number>) => EMPTY), constant]),
        1,
      );
      expect(names(events).filter((n) => n.endsWith(':constant'))).toEqual([
        'start:constant',
        'stream:constant',
        'end:constant',
      ]);
    });
  });
});
