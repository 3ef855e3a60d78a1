import { lastValueFrom, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  AbortError,
  AIMessageChunk,
  ChatPromptTemplate,
  InvalidArgumentError,
  JsonOutputParser,
  RunnableLambda,
  StringOutputParser,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const joke = (model: ScriptedChatModel) =>
  ChatPromptTemplate.fromTemplate('Tell a joke about {topic}').pipe(model).pipe(new StringOutputParser());

describe('RunHandle', () => {
  it('should call the model once for five views, each seeing the whole run (marbles)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, flush }) => {
      const tokens = cold('-a-b-c|', { a: 'Why', b: ' so', c: ' cold?' });
      const model = new ScriptedChatModel({ responses: [tokens] });
      const run = joke(model).start({ topic: 'ice' });
      const values = { a: 'Why', b: ' so', c: ' cold?' };
      expectObservable(run.stream$).toBe('-a-b-c|', values);
      expectObservable(run.text$).toBe('-a-b-c|', values);
      expectObservable(run.usage$).toBe('------|');
      let events: StreamEvent[] = [];
      run.events$().subscribe((event) => (events = [...events, event]));
      let patches = 0;
      run.log$().subscribe(() => patches++);
      flush();
      expect(model.calls).toHaveLength(1);
      expect(events.filter((e) => e.event === 'on_chat_model_stream')).toHaveLength(3);
      expect(events.at(-1)).toMatchObject({ event: 'on_chain_end', data: { output: 'Why so cold?' } });
      expect(patches).toBeGreaterThan(5);
    });
  });

  it('should replay what a late view missed, and give the output (what invoke returns)', async () => {
    const model = new ScriptedChatModel({ responses: ['a b c'] });
    const run = joke(model).start({ topic: 'x' }, undefined, { keepAlive: true });
    expect(await lastValueFrom(run.stream$.pipe(toArray()))).toEqual(['a', ' b', ' c']);
    expect(run.status).toBe('done');
    expect(await lastValueFrom(run.stream$.pipe(toArray()))).toEqual(['a', ' b', ' c']);
    expect(await run.output).toBe('a b c');
    expect(await joke(new ScriptedChatModel({ responses: ['a b c'] })).invoke({ topic: 'x' })).toBe(await run.output);
    expect(model.calls).toHaveLength(1);
  });

  it('should not start before a view subscribes', () => {
    const model = new ScriptedChatModel({ responses: ['hi'] });
    const run = joke(model).start({ topic: 'x' });
    expect(run.status).toBe('idle');
    expect(model.calls).toHaveLength(0);
  });

  it('should detach a view without cancelling the run while another view reads', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('-a-b-c|', { a: '1', b: '2', c: '3' });
      const run = joke(new ScriptedChatModel({ responses: [tokens] })).start({ topic: 'x' });
      expectObservable(run.stream$, '^--!').toBe('-a-', { a: '1' });
      expectObservable(run.text$).toBe('-a-b-c|', { a: '1', b: '2', c: '3' });
      expectSubscriptions(tokens.subscriptions).toBe('^-----!');
    });
  });

  it('should cancel the run when its last view detaches, unless keepAlive', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('-a-b-c|', { a: '1', b: '2', c: '3' });
      const run = joke(new ScriptedChatModel({ responses: [tokens] })).start({ topic: 'x' });
      expectObservable(run.stream$, '^--!').toBe('-a-', { a: '1' });
      expectSubscriptions(tokens.subscriptions).toBe('^--!');
    });
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const tokens = cold('-a-b-c|', { a: '1', b: '2', c: '3' });
      const run = joke(new ScriptedChatModel({ responses: [tokens] })).start({ topic: 'x' }, undefined, {
        keepAlive: true,
      });
      expectObservable(run.stream$, '^--!').toBe('-a-', { a: '1' });
      expectSubscriptions(tokens.subscriptions).toBe('^-----!');
    });
  });

  it('should end every view with an AbortError on cancel(), and abort the model', async () => {
    let aborted = false;
    const slow = RunnableLambda.from(async function* (_: string, config) {
      yield 'first';
      await new Promise<void>((resolve) => config.signal?.addEventListener('abort', () => resolve()));
      aborted = config.signal?.aborted === true;
    });
    const run = slow.start('x');
    const seen = run.stream();
    const iterator = seen[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 'first' });
    const output = run.output.catch((e: unknown) => e);
    run.cancel();
    expect(await output).toBeInstanceOf(AbortError);
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
    expect(aborted).toBe(true);
    expect(run.status).toBe('cancelled');
    await expect(lastValueFrom(run.stream$)).rejects.toBeInstanceOf(AbortError);
  });

  it('should give each tool call once, complete and parsed, as soon as the next one starts', () => {
    const chunk = (fields: ConstructorParameters<typeof AIMessageChunk>[0]) => new AIMessageChunk(fields);
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const tokens = cold('-a-b-c-d|', {
        a: chunk({ content: '', tool_call_chunks: [{ index: 0, id: 'c1', name: 'add', args: '{"a":' }] }),
        b: chunk({ content: '', tool_call_chunks: [{ index: 0, args: '1}' }] }),
        c: chunk({ content: '', tool_call_chunks: [{ index: 1, id: 'c2', name: 'mul', args: '{"b":2}' }] }),
        d: chunk({ content: '', usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } }),
      });
      const run = new ScriptedChatModel({ responses: [tokens] }).start('q');
      expectObservable(run.toolCalls$).toBe('-----x--(y|)', {
        x: { name: 'add', args: { a: 1 }, id: 'c1', type: 'tool_call' },
        y: { name: 'mul', args: { b: 2 }, id: 'c2', type: 'tool_call' },
      });
      expectObservable(run.usage$).toBe('--------(u|)', { u: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } });
    });
  });

  it('should give the partial values of a JSON parser, or their patches', async () => {
    const chain = () =>
      new ScriptedChatModel({ responses: [{ tokens: ['{"a": [1', ', 2]', ', "b": "x"}'] }] }).pipe(
        new JsonOutputParser(),
      );
    expect(await lastValueFrom(chain().start('q').partial$().pipe(toArray()))).toEqual([
      { a: [1] },
      { a: [1, 2] },
      { a: [1, 2], b: 'x' },
    ]);
    expect(await lastValueFrom(chain().start('q').partial$({ diff: true }).pipe(toArray()))).toEqual([
      [{ op: 'replace', path: '', value: { a: [1] } }],
      [{ op: 'add', path: '/a/1', value: 2 }],
      [{ op: 'add', path: '/b', value: 'x' }],
    ]);
  });

  it('should fail every view with the run error', async () => {
    const failing = RunnableLambda.from((): string => {
      throw new TypeError('broken');
    });
    const run = failing.start('x', undefined, { keepAlive: true });
    await expect(run.output).rejects.toThrow('broken');
    await expect(lastValueFrom(run.stream$)).rejects.toThrow('broken');
    const events = await lastValueFrom(run.events$().pipe(toArray())).catch(() => 'failed');
    expect(events).toBe('failed');
    expect(run.status).toBe('failed');
  });

  it('should refuse a late view once the run outgrew its replay bound', async () => {
    const many = RunnableLambda.from(async function* () {
      for (let i = 0; i < 20; i++) yield i;
    });
    const run = many.start('x', undefined, { keepAlive: true, replay: 10 });
    expect(await lastValueFrom(run.stream$.pipe(toArray()))).toHaveLength(20);
    await expect(lastValueFrom(run.stream$)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => many.start('x', undefined, { replay: 0 })).toThrow('replay must be a positive whole number');
  });

  it('should read the same chunks through stream() and stream$, breaking off without cancelling others', async () => {
    const run = joke(new ScriptedChatModel({ responses: ['one two three'] })).start({ topic: 'x' });
    const all = lastValueFrom(run.stream$.pipe(toArray()));
    for await (const chunk of run.stream()) {
      expect(chunk).toBe('one');
      break;
    }
    expect(await all).toEqual(['one', ' two', ' three']);
    expect(await lastValueFrom(run.text$.pipe(take(1)))).toBe('one');
  });
});
