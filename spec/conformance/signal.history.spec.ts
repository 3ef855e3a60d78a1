import { InMemoryChatMessageHistory, RunnableWithMessageHistory } from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { nextTurn } from './support.js';

// Ported from the `history` case of langchain-core/src/runnables/tests/signal.test.ts (see
// signal.spec.ts for the others). The model's 60 s sleep never elapses: only the abort ends
// the run, and "with a delay" aborts after the event loop has turned instead of after 250 ms.

function historyRunnable() {
  const history = new InMemoryChatMessageHistory();
  const runnable = new RunnableWithMessageHistory({
    runnable: new FakeListChatModel({ responses: ['hey'], sleep: 60_000 }),
    // rxchain fails a run without a session id (upstream passes `config: {}`), so one is bound
    // here, so that the rejection below comes from the abort and not from the missing id.
    config: { configurable: { sessionId: 'session' } },
    getMessageHistory: () => history,
  });
  return { runnable, history };
}

const aborted = { name: 'AbortError' };

describe('signal.test.ts', () => {
  describe('Test runnable history', () => {
    const input = 'testing';

    it('Test invoke with signal', async () => {
      const { runnable, history } = historyRunnable();
      const controller = new AbortController();
      const invoked = runnable.invoke(input, { signal: controller.signal });
      controller.abort();
      await expect(invoked).rejects.toMatchObject(aborted);
      // An aborted turn is not saved.
      expect(await history.getMessages()).toEqual([]);
    });

    it('Test invoke with signal with a delay', async () => {
      const { runnable, history } = historyRunnable();
      const controller = new AbortController();
      const invoked = runnable.invoke(input, { signal: controller.signal });
      const rejected = expect(invoked).rejects.toMatchObject(aborted);
      await nextTurn();
      controller.abort();
      await rejected;
      expect(await history.getMessages()).toEqual([]);
    });

    it('Test stream with signal', async () => {
      const { runnable, history } = historyRunnable();
      const controller = new AbortController();
      const read = (async () => {
        const stream = await runnable.stream(input, { signal: controller.signal });
        for await (const _ of stream) controller.abort();
      })();
      // No chunk comes before the sleep is over, so the abort also comes from outside the loop.
      setImmediate(() => controller.abort());
      await expect(read).rejects.toMatchObject(aborted);
      expect(await history.getMessages()).toEqual([]);
    });

    it('Test batch with signal', async () => {
      const { runnable, history } = historyRunnable();
      const controller = new AbortController();
      const batched = runnable.batch([input, input], { signal: controller.signal });
      controller.abort();
      await expect(batched).rejects.toMatchObject(aborted);
      expect(await history.getMessages()).toEqual([]);
    });

    it('Test batch with signal with a delay', async () => {
      const { runnable, history } = historyRunnable();
      const controller = new AbortController();
      const batched = runnable.batch([input, input], { signal: controller.signal });
      const rejected = expect(batched).rejects.toMatchObject(aborted);
      await nextTurn();
      controller.abort();
      await rejected;
      expect(await history.getMessages()).toEqual([]);
    });
  });
});
