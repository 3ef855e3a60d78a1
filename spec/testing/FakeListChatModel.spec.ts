import { map } from 'rxjs';
import { AIMessageChunk } from 'rxchain';
import { FakeListChatModel, ScriptedChatModel, createTestScheduler } from 'rxchain/testing';

describe('FakeListChatModel', () => {
  it('should be a ScriptedChatModel named FakeListChatModel', () => {
    const model = new FakeListChatModel({ responses: ['x'] });
    expect(model).toBeInstanceOf(ScriptedChatModel);
    expect(model.getName()).toBe('FakeListChatModel');
    expect(model.runType).toBe('chat_model');
  });

  it('should cycle through its replies call after call', async () => {
    const model = new FakeListChatModel({ responses: ['ab', 'cd'] });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await model.invoke(`call ${i}`)).content);
    expect(replies).toEqual(['ab', 'cd', 'ab']);
  });

  it('should stream one character per chunk', async () => {
    const seen: string[] = [];
    for await (const chunk of await new FakeListChatModel({ responses: ['a b'] }).stream('x')) seen.push(chunk.text);
    expect(seen).toEqual(['a', ' ', 'b']);
  });

  it('should return an empty message for an empty reply', async () => {
    const reply = await new FakeListChatModel({ responses: [''] }).invoke('x');
    expect(reply).toBeInstanceOf(AIMessageChunk);
    expect(reply.content).toBe('');
  });

  it('should record its calls', async () => {
    const model = new FakeListChatModel({ responses: ['ok'] });
    await model.invoke('hello');
    expect(model.calls.map((call) => call.messages.map((m) => m.text))).toEqual([['hello']]);
  });

  it('should space characters by sleep on the scheduler', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ expectObservable }) => {
      const model = new FakeListChatModel({ responses: ['abc'], sleep: 3, scheduler });
      expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('3ms a 2ms b 2ms (c|)', {
        a: 'a',
        b: 'b',
        c: 'c',
      });
    });
  });

  it('should emit synchronously without sleep', () => {
    createTestScheduler().run(({ expectObservable }) => {
      const model = new FakeListChatModel({ responses: ['ab'] });
      expectObservable(model.stream$('x').pipe(map((c) => c.text))).toBe('(ab|)', { a: 'a', b: 'b' });
    });
  });

  it('should dispatch some_test_event on each call with emitCustomEvent', async () => {
    const model = new FakeListChatModel({ responses: ['ok'], emitCustomEvent: true });
    const custom: unknown[] = [];
    for await (const event of model.streamEvents('x', { version: 'v2' })) {
      if (event.event === 'on_custom_event') custom.push([event.name, event.data]);
    }
    expect(custom).toEqual([['some_test_event', { someval: true }]]);
  });

  it('should put generationInfo on the last chunk only', async () => {
    const model = new FakeListChatModel({ responses: ['abc'], generationInfo: { finish_reason: 'stop' } });
    const metadata = [];
    for await (const chunk of await model.stream('x')) metadata.push(chunk.response_metadata);
    expect(metadata).toEqual([{}, {}, { finish_reason: 'stop' }]);
    expect((await model.invoke('y')).response_metadata).toEqual({ finish_reason: 'stop' });
  });

  it('should answer a call with stop sequences with the first one, without advancing', async () => {
    const model = new FakeListChatModel({ responses: ['one', 'two'] });
    expect((await model.withCallOptions({ stop: ['STOP', 'x'] }).invoke('a')).content).toBe('STOP');
    expect((await model.invoke('b')).content).toBe('one');
  });
});
