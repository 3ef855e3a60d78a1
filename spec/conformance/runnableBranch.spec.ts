import { ChatPromptTemplate, RunnableBranch, RunnableSequence, StringOutputParser } from 'rxchain';
import { collect, echoStreamingModel } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_branch.test.ts (langchainjs
// 62fc484, @langchain/core 1.x). The handleChainError callback becomes an on_chain_error
// event; FakeStreamingLLM (which echoes its prompt) becomes an echoing chat model.

describe('runnable_branch.test.ts', () => {
  it('RunnableBranch invoke', async () => {
    const condition = (x: number) => x > 0;
    const add = (x: number) => x + 1;
    const subtract = (x: number) => x - 1;
    const branch = RunnableBranch.from([[condition, add], [condition, add], subtract]);
    expect(await branch.invoke(1)).toBe(2);
    expect(await branch.invoke(-1)).toBe(-2);
  });

  it('RunnableBranch batch', async () => {
    const branch = RunnableBranch.from([
      [(x: number) => x > 0 && x < 5, (x: number) => x + 1],
      [(x: number) => x > 5, (x: number) => x * 10],
      (x: number) => x - 1,
    ]);
    expect(await branch.batch([1, 10, 0])).toEqual([2, 100, -1]);
  });

  it('RunnableBranch handles error', async () => {
    const branch = RunnableBranch.from<string, string>([
      [
        (x: string) => x.startsWith('a'),
        () => {
          throw new Error('Testing');
        },
      ],
      (x: string) => `${x} passed`,
    ]);
    const errors = async (input: string) => {
      const seen: string[] = [];
      try {
        for await (const event of branch.streamEvents(input, { version: 'v2' })) {
          if (event.event === 'on_chain_error') seen.push(event.name);
        }
      } catch {
        seen.push('rejected');
      }
      return seen;
    };
    expect(await branch.invoke('branch')).toBe('branch passed');
    expect(await errors('branch')).toEqual([]);
    await expect(branch.invoke('alpha')).rejects.toThrow('Testing');
    expect(await errors('alpha')).toContain('rejected');
    expect((await errors('alpha')).length).toBeGreaterThan(1);
  });

  it('RunnableBranch invoke (streaming a routed chain)', async () => {
    const model = echoStreamingModel();
    const classificationChain = RunnableSequence.from([
      ChatPromptTemplate.fromTemplate('{question}'),
      model,
      new StringOutputParser(),
    ]);
    const generalChain = ChatPromptTemplate.fromTemplate('GENERAL CHAIN').pipe(model);
    const langChainChain = ChatPromptTemplate.fromTemplate('LANGCHAIN CHAIN').pipe(model);
    const branch = RunnableBranch.from([
      [(x: { topic: string; question: string }) => x.topic.toLowerCase().includes('langchain'), langChainChain],
      generalChain,
    ]);
    const fullChain = RunnableSequence.from([
      { topic: classificationChain, question: (input: { question: string }) => input.question },
      branch,
      new StringOutputParser(),
    ]);
    const chunks = await collect(fullChain.stream({ question: 'How do I use langchain? Explain in one sentence' }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toContain('LANGCHAIN');
    const chunks2 = await collect(fullChain.stream({ question: 'What is up? Explain in one sentence' }));
    expect(chunks2.length).toBeGreaterThan(1);
    expect(chunks2.join('')).toContain('GENERAL');
  });
});
