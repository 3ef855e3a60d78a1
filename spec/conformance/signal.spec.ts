import {
  ChatPromptTemplate,
  Document,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Runnable,
} from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { failingModel, nextTurn } from './support.js';

// Ported from langchain-core/src/runnables/tests/signal.test.ts. Upstream's slow steps wait
// on timers; here they wait on a promise that never settles, so only the abort ends them,
// and "with a delay" aborts after the event loop has turned instead of after 250 ms.

const forever = () => new Promise<never>(() => undefined);
const chatModel = () => new FakeListChatModel({ responses: ['hey'], sleep: 60_000 });

const TEST_CASES: Record<string, { runnable: () => Runnable<never, unknown>; input: unknown; skipStream?: boolean }> = {
  map: {
    runnable: () =>
      RunnableMap.from({ question: new RunnablePassthrough(), context: async (_: unknown) => forever() }) as Runnable<
        never,
        unknown
      >,
    input: 'testing',
  },
  binding: {
    runnable: () =>
      RunnableLambda.from((_: unknown) => forever()).withConfig({ tags: ['bound'] }) as Runnable<never, unknown>,
    input: 'testing',
  },
  fallbacks: {
    runnable: () => failingModel('expected').withFallbacks([chatModel()]) as Runnable<never, unknown>,
    input: 'testing',
    skipStream: true,
  },
  sequence: {
    runnable: () =>
      RunnableSequence.from([
        RunnablePassthrough.assign({
          test: RunnableLambda.from((x: { question: string }) => x.question).pipe(chatModel()),
        }),
        () => undefined,
      ]) as Runnable<never, unknown>,
    input: { question: 'testing' },
  },
  lambda: {
    runnable: () => RunnableLambda.from((_: unknown) => forever()) as Runnable<never, unknown>,
    input: {},
  },
};

describe('signal.test.ts', () => {
  describe.each(Object.keys(TEST_CASES))('Test runnable %s', (name) => {
    const { runnable, input, skipStream } = TEST_CASES[name] as (typeof TEST_CASES)[string];
    const run = () => runnable() as Runnable<unknown, unknown>;

    it('Test invoke with signal', async () => {
      const controller = new AbortController();
      const invoked = run().invoke(input, { signal: controller.signal });
      controller.abort();
      await expect(invoked).rejects.toThrow();
    });

    it('Test invoke with signal with a delay', async () => {
      const controller = new AbortController();
      const invoked = run().invoke(input, { signal: controller.signal });
      const rejected = expect(invoked).rejects.toThrow();
      await nextTurn();
      controller.abort();
      await rejected;
    });

    it('Test stream with signal', async () => {
      if (skipStream === true) {
        // Upstream skips this case too (its fallback streams the first chunk at once).
        expect(skipStream).toBe(true);
        return;
      }
      const controller = new AbortController();
      const read = (async () => {
        const stream = await run().stream(input, { signal: controller.signal });
        for await (const _ of stream) controller.abort();
      })();
      setImmediate(() => controller.abort());
      await expect(read).rejects.toThrow();
    });

    it('Test batch with signal', async () => {
      const controller = new AbortController();
      const batched = run().batch([input, input], { signal: controller.signal });
      controller.abort();
      await expect(batched).rejects.toThrow();
    });

    it('Test batch with signal with a delay', async () => {
      const controller = new AbortController();
      const batched = run().batch([input, input], { signal: controller.signal });
      const rejected = expect(batched).rejects.toThrow();
      await nextTurn();
      controller.abort();
      await rejected;
    });
  });

  it('Runnable invoke should respect timeout option', async () => {
    const runnable = RunnableLambda.from(async (_: unknown) => forever());
    await expect(runnable.invoke({}, { timeout: 50 })).rejects.toThrow(/timed out|timeout/i);
  });

  it('Runnable stream should respect timeout option before first chunk', async () => {
    const runnable = RunnableLambda.from(async (_: unknown) => forever());
    const read = (async () => {
      for await (const _ of await runnable.stream({}, { timeout: 50 })) void _;
    })();
    await expect(read).rejects.toThrow(/timed out|timeout/i);
  });

  it('Should not raise node warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const retriever = RunnableLambda.from((_: { question: string }) =>
        ['test1', 'test2', 'test4', 'test5'].map((pageContent) => new Document({ pageContent })),
      );
      const chain = RunnableMap.from({ context: retriever, question: new RunnablePassthrough() }).pipe(
        RunnablePassthrough.assign({
          answer: RunnableSequence.from([
            (input: { context: Document[]; question: unknown }) => ({
              context: input.context.map((doc) => doc.pageContent).join('\n\n'),
              question: input.question,
            }),
            ChatPromptTemplate.fromTemplate('Hello'),
            new FakeListChatModel({ responses: ['test'] }),
            new StringOutputParser(),
          ]),
        }),
      );
      const controller = new AbortController();
      for await (const _ of await chain.stream(
        { question: 'What is the capital of France?' },
        { signal: controller.signal },
      ))
        void _;
      await nextTurn();
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
