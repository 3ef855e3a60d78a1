import { lastValueFrom, toArray } from 'rxjs';
import { RunnableLambda, RunnableSequence, StringOutputParser, InvalidArgumentError, coerceToRunnable } from 'rxchain';
import { JsonLikeCumulative } from '../support/cumulative';
import { ScriptedChatModel } from 'rxchain/testing';
import { recordEvents } from '../support/events';

describe('RunnableSequence', () => {
  it('should report the name given to from()', async () => {
    const chain = RunnableSequence.from([(x: number) => x + 1, (x: number) => x * 2], 'math');
    const events = await recordEvents(chain, 1);
    expect(events[0]?.run.name).toBe('math');
    expect(await chain.invoke(1)).toBe(4);
  });

  it('should keep an explicitly nested sequence as its own run', async () => {
    const inner = RunnableSequence.from([(x: number) => x + 1, (x: number) => x + 1]);
    const outer = RunnableSequence.from([inner, (x: number) => x * 10]);
    expect(outer.steps).toHaveLength(2);
    expect(await outer.invoke(0)).toBe(20);
  });

  it('should feed a whole-input step the aggregate of the previous step by that step own rule', async () => {
    const model = new ScriptedChatModel({ responses: ['a b c'] });
    const chain = RunnableSequence.from([
      model,
      new StringOutputParser(),
      new JsonLikeCumulative(),
      (x: string) => `got ${x}`,
    ]);
    expect(await chain.invoke('q')).toBe('got a b c');
  });

  it('should stream from its last non-streaming step onward', async () => {
    const model = new ScriptedChatModel({ responses: ['one two three'] });
    const chain = RunnableSequence.from([(x: string) => x, model, new StringOutputParser()]);
    expect(await lastValueFrom(chain.stream$('q').pipe(toArray()))).toEqual(['one', ' two', ' three']);
  });

  it('should reject a step that is not a runnable, function or object', () => {
    expect(() => coerceToRunnable(42 as never)).toThrow(InvalidArgumentError);
    expect(() => RunnableLambda.from((x: number) => x).pipe(null as never)).toThrow(/got null/);
  });
});
