import { RunnableLambda, RunnableSequence } from 'rxchain';
import { recordEvents } from '../support/events';

describe('RunnableBinding', () => {
  const echo = RunnableLambda.from(
    function echo(x: string) {
      return x;
    },
    { name: 'echo' },
  );

  it('should add no run of its own: the bound runnable runs with the merged config', async () => {
    const events = await recordEvents(
      echo.withConfig({ runName: 'renamed', tags: ['bound'], metadata: { a: 1 } }),
      'x',
      {
        tags: ['call'],
        metadata: { b: 2 },
      },
    );
    expect(events.map((e) => `${e.type}:${e.run.name}`)).toEqual(['start:renamed', 'stream:renamed', 'end:renamed']);
    expect(events[0]?.run.tags).toEqual(['bound', 'call']);
    expect(events[0]?.run.metadata).toEqual({ a: 1, b: 2 });
  });

  it('should let the binding metadata win over inherited and call metadata for the same key', async () => {
    const chain = RunnableSequence.from([echo.withConfig({ metadata: { who: 'step' } })]);
    const events = await recordEvents(chain, 'x', { metadata: { who: 'call', other: true } });
    const step = events.find((e) => e.run.name === 'echo');
    expect(step?.run.metadata).toEqual({ who: 'step', other: true });
    const root = events.find((e) => e.run.name === 'RunnableSequence');
    expect(root?.run.metadata).toEqual({ who: 'call', other: true });
  });

  it('should let a call runName win over a bound one', async () => {
    const events = await recordEvents(echo.withConfig({ runName: 'bound' }), 'x', { runName: 'call' });
    expect(events[0]?.run.name).toBe('call');
  });

  it('should keep the bound runnable aggregation and type', async () => {
    const bound = echo.withConfig({ tags: ['t'] });
    expect(bound.runType).toBe('chain');
    expect(bound.inputMode).toBe(echo.inputMode);
    expect(await bound.invoke('same')).toBe('same');
  });
});
