import { RunnableLambda, StringOutputParser } from 'rxchain';
import { collect, echoStreamingModel, failingModel } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_with_fallbacks.test.ts
// (FakeLLM / FakeStreamingLLM become echoing chat models piped into a string parser).

const echo = () => echoStreamingModel().pipe(new StringOutputParser());
const failing = () => failingModel('Bad error!').pipe(new StringOutputParser());

describe('runnable_with_fallbacks.test.ts', () => {
  it('RunnableWithFallbacks', async () => {
    await expect(failing().invoke('What up')).rejects.toThrow('Bad error!');
    expect(await failing().withFallbacks([echo()]).invoke('What up')).toBe('What up');
  });

  it('RunnableWithFallbacks batch', async () => {
    await expect(failing().batch(['What up'])).rejects.toThrow('Bad error!');
    const result = await failing().withFallbacks([echo()]).batch(['What up 1', 'What up 2', 'What up 3']);
    expect(result).toEqual(['What up 1', 'What up 2', 'What up 3']);
  });

  it('RunnableWithFallbacks stream', async () => {
    await expect(failing().stream('What up')).rejects.toThrow('Bad error!');
    const chunks = await collect(failing().withFallbacks([echo()]).stream('What up'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('What up');
  });

  it('RunnableWithFallbacks stream events with local storage and callbacks added via env vars', async () => {
    const withFallbacks = failingModel('Bad error!').withFallbacks([echoStreamingModel()]);
    const runnable = RunnableLambda.from(async (input: string) => {
      const res = await withFallbacks.invoke(input);
      for await (const _ of await withFallbacks.stream(input)) void _;
      return res.text;
    });
    const tokens: string[] = [];
    for await (const event of runnable.streamEvents('hi', { version: 'v2' })) {
      // rxchain's chat models report on_chat_model_stream (LangChain's FakeStreamingLLM is a text model).
      if (event.event === 'on_chat_model_stream') tokens.push(event.data.chunk.text);
    }
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe('hihi');
  });
});
