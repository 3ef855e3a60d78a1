import {
  AIMessageChunk,
  BaseChatModel,
  RunnableLambda,
  RunnableSequence,
  dispatchCustomEvent,
  type BaseMessage,
  type RunContext,
  type RunnableConfig,
} from 'rxchain';
import { defer, of, type Observable } from 'rxjs';
import { eventsOf } from '../support/streamEvents';

const customOf = (events: Awaited<ReturnType<typeof eventsOf>>) => events.filter((e) => e.event === 'on_custom_event');

describe('dispatchCustomEvent', () => {
  it('should emit from a sync lambda with the dispatching run identity', async () => {
    const step = RunnableLambda.from(
      function work(x: string, config: RunnableConfig) {
        dispatchCustomEvent('progress', { pct: 50 }, config);
        return x;
      },
      { name: 'work' },
    ).withConfig({ tags: ['inner'], metadata: { k: 'v' } });
    const events = await eventsOf(RunnableSequence.from([(x: string) => x, step]), 'x');
    const [custom] = customOf(events);
    const work = events.find((e) => e.event === 'on_chain_start' && e.name === 'work');
    expect(custom).toEqual({
      event: 'on_custom_event',
      name: 'progress',
      run_id: work?.run_id,
      parent_ids: work?.parent_ids,
      tags: ['seq:step:2', 'inner'],
      metadata: { k: 'v' },
      data: { pct: 50 },
    });
  });

  it('should find the run implicitly in sync code, after await, and in async generators', async () => {
    const sync = RunnableLambda.from(
      function sync(x: string) {
        dispatchCustomEvent('sync', 1);
        return x;
      },
      { name: 'sync' },
    );
    const later = RunnableLambda.from(
      async function later(x: string) {
        await new Promise((resolve) => setImmediate(resolve));
        dispatchCustomEvent('later', 2);
        return x;
      },
      { name: 'later' },
    );
    const gen = RunnableLambda.from(
      async function* gen(input: AsyncIterable<string>) {
        for await (const chunk of input) {
          await Promise.resolve();
          dispatchCustomEvent('gen', 3);
          yield chunk;
        }
      },
      { name: 'gen' },
    );
    const events = await eventsOf(RunnableSequence.from([sync, later, gen]), 'x');
    const byName = new Map(events.filter((e) => e.event === 'on_chain_start').map((e) => [e.name, e.run_id]));
    expect(customOf(events).map((e) => [e.name, e.data, e.run_id])).toEqual([
      ['sync', 1, byName.get('sync')],
      ['later', 2, byName.get('later')],
      ['gen', 3, byName.get('gen')],
    ]);
  });

  it('should do nothing without a listener or outside a run', async () => {
    const step = RunnableLambda.from((x: string, config: RunnableConfig) => {
      dispatchCustomEvent('ignored', {}, config);
      return x;
    });
    expect(await step.invoke('x')).toBe('x');
    expect(() => dispatchCustomEvent('outside', {})).not.toThrow();
  });

  it('should match filters by the event name or by the dispatching run', async () => {
    const step = RunnableLambda.from(
      function work(x: string, config: RunnableConfig) {
        dispatchCustomEvent('my_event', 1, config);
        return x;
      },
      { name: 'work' },
    );
    expect(customOf(await eventsOf(step, 'x', { includeNames: ['my_event'] }))).toHaveLength(1);
    expect(await eventsOf(step, 'x', { includeNames: ['my_event'] })).toHaveLength(1);
    expect(customOf(await eventsOf(step, 'x', { includeNames: ['work'] }))).toHaveLength(1);
    expect(customOf(await eventsOf(step, 'x', { includeNames: ['other'] }))).toHaveLength(0);
    expect(customOf(await eventsOf(step, 'x', { excludeNames: ['my_event'] }))).toHaveLength(0);
    expect(customOf(await eventsOf(step, 'x', { excludeNames: ['work'] }))).toHaveLength(0);
  });

  it('should emit from a chat model through its run context', async () => {
    class ThinkingModel extends BaseChatModel {
      protected override get defaultName(): string {
        return 'thinking';
      }
      protected _streamChunks(_messages: BaseMessage[], run: RunContext): Observable<AIMessageChunk> {
        return defer(() => {
          dispatchCustomEvent('thought', 'pondering', run);
          return of(new AIMessageChunk('done'));
        });
      }
    }
    const events = await eventsOf(new ThinkingModel(), 'q');
    expect(events.map((e) => e.event)).toEqual([
      'on_chat_model_start',
      'on_custom_event',
      'on_chat_model_stream',
      'on_chat_model_end',
    ]);
    expect(events[1]).toMatchObject({ name: 'thought', data: 'pondering', run_id: events[0]?.run_id });
  });

  it('should not appear in v1', async () => {
    const step = RunnableLambda.from((x: string, config: RunnableConfig) => {
      dispatchCustomEvent('e', 1, config);
      return x;
    });
    expect(customOf(await eventsOf(step, 'x', undefined, { version: 'v1' }))).toHaveLength(0);
  });
});
