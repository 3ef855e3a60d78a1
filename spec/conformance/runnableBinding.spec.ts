import { StringOutputParser } from 'rxchain';
import { collect, echoChatModel, echoStreamingModel } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_binding.test.ts. LangChain binds
// call options with withConfig({ stop }); rxchain binds them with withCallOptions.

describe('runnable_binding.test.ts', () => {
  it('Bind kwargs to a runnable', async () => {
    const model = echoChatModel({ stop: 'testing' });
    const bound = model.withCallOptions({ stop: ['testing'] });
    expect(await bound.pipe(new StringOutputParser()).invoke('Hi there!')).toBe('testing');
    expect(model.calls[0]?.options.stop).toEqual(['testing']);
  });

  it('Bind kwargs to a runnable with a batch call', async () => {
    const model = echoChatModel({ stop: 'testing' });
    const chain = model.withCallOptions({ stop: ['testing'] }).pipe(new StringOutputParser());
    expect(await chain.batch(['Hi there!', 'hey hey', 'Hi there!', 'hey hey'])).toEqual([
      'testing',
      'testing',
      'testing',
      'testing',
    ]);
    expect(model.calls.map((call) => call.options.stop)).toEqual([['testing'], ['testing'], ['testing'], ['testing']]);
  });

  it('Stream with RunnableBinding', async () => {
    const model = echoStreamingModel().withCallOptions({ stop: ['dummy'] });
    const chunks = await collect(model.pipe(new StringOutputParser()).stream('Hi there!'));
    expect(chunks.length).toBe('Hi there!'.length);
    expect(chunks.join('')).toBe('Hi there!');
  });

  it('Stream through a RunnableBinding if the bound runnable implements transform', async () => {
    const model = echoStreamingModel().withCallOptions({ stop: ['dummy'] });
    const parser = new StringOutputParser().withConfig({ tags: [] });
    const chunks = await collect(model.pipe(parser).stream('Hi there!'));
    expect(chunks.length).toBe('Hi there!'.length);
    expect(chunks.join('')).toBe('Hi there!');
  });
});
