import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError, RouterRunnable, RunnableLambda, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

describe('RouterRunnable', () => {
  const router = (): RouterRunnable<string, string> =>
    new RouterRunnable<string, string>({
      runnables: {
        upper: RunnableLambda.from((x: string) => x.toUpperCase()),
        lower: RunnableLambda.from((x: string) => x.toLowerCase()),
      },
    });

  it('should run the runnable the key names on the input', async () => {
    expect(await router().invoke({ key: 'upper', input: 'Hi' })).toBe('HI');
    expect(await router().invoke({ key: 'lower', input: 'Hi' })).toBe('hi');
  });

  it('should stream the chosen runnable', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const tokens = cold('-a-b|', { a: 'x', b: 'y' });
      const routed = new RouterRunnable<string, string>({
        runnables: { model: new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser()) },
      });
      expectObservable(routed.stream$({ key: 'model', input: 'q' })).toBe('-a-b|', { a: 'x', b: 'y' });
    });
  });

  it('should fail with an InvalidArgumentError naming the keys for an unknown key', async () => {
    const error = await router()
      .invoke({ key: 'title', input: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/"title".*"upper", "lower"/);
  });
});
