import { lastValueFrom, toArray } from 'rxjs';
import {
  AIMessageChunk,
  dispatchCustomEvent,
  DynamicTool,
  RemoteRunnable,
  RunnableLambda,
  RunnableSequence,
  sequentialIds,
  type RunLog,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { serve, jokeChain, summary, collect, closeServer, server } from './RemoteRunnable.helpers';

afterEach(closeServer);

describe('RemoteRunnable', () => {
  describe('with an event listener', () => {
    const before = RunnableLambda.from(
      function before(topic: string) {
        return { topic };
      },
      { name: 'before' },
    );
    const after = RunnableLambda.from(
      function after(text: string) {
        return text.length;
      },
      { name: 'after' },
    );

    it('should nest the remote events under its local run, with exact parent_ids and kept remote ids', async () => {
      const { url } = await serve(jokeChain(['Knock knock']), { config: { idGenerator: sequentialIds('s') } });
      const remote = new RemoteRunnable<{ topic: string }, string>({ url, name: 'remoteJoke' });
      const local = RunnableSequence.from([before, remote, after]);
      const events = await lastValueFrom(local.events$('doors', { idGenerator: sequentialIds('c') }).pipe(toArray()));
      const L = ['c1', 'c3'];
      expect(summary(events)).toEqual([
        ['on_chain_start', 'RunnableSequence', 'c1', []],
        ['on_chain_start', 'before', 'c2', ['c1']],
        ['on_chain_stream', 'before', 'c2', ['c1']],
        ['on_chain_end', 'before', 'c2', ['c1']],
        ['on_chain_start', 'remoteJoke', 'c3', ['c1']],
        ['on_chain_start', 'RunnableSequence', 's1', L],
        ['on_prompt_start', 'ChatPromptTemplate', 's2', [...L, 's1']],
        ['on_prompt_end', 'ChatPromptTemplate', 's2', [...L, 's1']],
        ['on_chat_model_start', 'model', 's3', [...L, 's1']],
        ['on_parser_start', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_parser_stream', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_stream', 'RunnableSequence', 's1', L],
        // The remote chain's first chunk reaches `after`, which starts; a nested RemoteRunnable
        // reports no chunks of its own (its remote root does), as a nested sequence.
        ['on_chain_start', 'after', 'c4', ['c1']],
        ['on_chat_model_stream', 'model', 's3', [...L, 's1']],
        ['on_parser_stream', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_stream', 'RunnableSequence', 's1', L],
        ['on_chat_model_stream', 'model', 's3', [...L, 's1']],
        ['on_chat_model_end', 'model', 's3', [...L, 's1']],
        ['on_parser_end', 'StrOutputParser', 's4', [...L, 's1']],
        ['on_chain_end', 'RunnableSequence', 's1', L],
        ['on_chain_end', 'remoteJoke', 'c3', ['c1']],
        ['on_chain_stream', 'after', 'c4', ['c1']],
        ['on_chain_stream', 'RunnableSequence', 'c1', []],
        ['on_chain_end', 'after', 'c4', ['c1']],
        ['on_chain_end', 'RunnableSequence', 'c1', []],
      ]);
      expect(events.at(-1)?.data).toEqual({ input: 'doors', output: 11 });
      expect(server?.requests).toEqual(['POST /chain/stream_events']);
    });

    it('should take the output of a remote root that reports no stream event (a tool) from its end event', async () => {
      const shout = new DynamicTool({ name: 'shout', description: 'Shouts', func: async (text) => text.toUpperCase() });
      const { url } = await serve(shout);
      const remote = new RemoteRunnable<string, string>({ url, name: 'remoteShout' });
      const events = await lastValueFrom(remote.events$('hi').pipe(toArray()));
      expect(events.map((e) => `${e.event}:${e.name}`)).toEqual([
        'on_chain_start:remoteShout',
        'on_tool_start:shout',
        'on_tool_end:shout',
        'on_chain_stream:remoteShout',
        'on_chain_end:remoteShout',
      ]);
      expect(events.at(-1)?.data.output).toBe('HI');
    });

    it("should revive remote data: messages in chat model events, the remote end output, the step's own chunks", async () => {
      const { url } = await serve(jokeChain(['Knock knock']));
      const events = await lastValueFrom(new RemoteRunnable({ url }).events$({ topic: 'x' }).pipe(toArray()));
      const token = events.find((e) => e.event === 'on_chat_model_stream')?.data.chunk;
      expect(token).toBeInstanceOf(AIMessageChunk);
      expect(
        events.filter((e) => e.name === 'RemoteRunnable' && e.event === 'on_chain_stream').map((e) => e.data.chunk),
      ).toEqual(['Knock', ' knock']);
      expect(events.at(-1)).toMatchObject({
        event: 'on_chain_end',
        name: 'RemoteRunnable',
        data: { input: { topic: 'x' }, output: 'Knock knock' },
      });
    });

    it('should give remote runs the local tags and metadata, and send them to the server', async () => {
      const { url } = await serve(jokeChain(), { config: { metadata: { server: true } } });
      const remote = new RemoteRunnable({ url }).withConfig({ tags: ['remote'], metadata: { local: 1 } });
      const events = await lastValueFrom(
        RunnableSequence.from([before, remote])
          .events$('x', { tags: ['outer'] })
          .pipe(toArray()),
      );
      const model = events.find((e) => e.event === 'on_chat_model_start');
      expect(model?.tags).toEqual(['seq:step:2', 'remote', 'outer']);
      expect(model?.metadata).toEqual(expect.objectContaining({ local: 1, server: true }));
      const filtered = await lastValueFrom(
        RunnableSequence.from([before, remote])
          .events$('x', {}, { includeTags: ['remote'], includeTypes: ['parser'] })
          .pipe(toArray()),
      );
      expect(new Set(filtered.map((e) => e.event.replace(/_(start|stream|end)$/, '')))).toEqual(
        new Set(['on_chain', 'on_prompt', 'on_chat_model', 'on_parser']),
      );
      expect(filtered.some((e) => e.name === 'before')).toBe(false);
    });

    it("should give remote runs the local tags even when the server drops the client's", async () => {
      const { url } = await serve(jokeChain(), { configKeys: [] });
      const remote = new RemoteRunnable({ url }).withConfig({ tags: ['remote'], metadata: { local: 1 } });
      const events = await lastValueFrom(remote.events$({ topic: 'x' }).pipe(toArray()));
      const model = events.find((e) => e.event === 'on_chat_model_start');
      expect(model?.tags).toEqual(['seq:step:2', 'remote']);
      expect(model?.metadata).toEqual(expect.objectContaining({ local: 1 }));
    });

    it('should forward remote custom events, named after the remote run that sent them', async () => {
      const progress = RunnableLambda.from(
        function work(x: string, config) {
          dispatchCustomEvent('progress', { done: 1 }, config);
          return x;
        },
        { name: 'work' },
      );
      const { url } = await serve(progress, { config: { idGenerator: sequentialIds('s') } });
      const local = new RemoteRunnable<string, string>({ url });
      const custom = await lastValueFrom(
        local.events$('x', { idGenerator: sequentialIds('c') }, { includeNames: ['work'] }).pipe(toArray()),
      );
      expect(summary(custom)).toEqual([
        ['on_chain_start', 'work', 's1', ['c1']],
        ['on_custom_event', 'progress', 's1', ['c1']],
        ['on_chain_stream', 'work', 's1', ['c1']],
        ['on_chain_end', 'work', 's1', ['c1']],
      ]);
    });

    it('should log the remote runs in a local streamLog', async () => {
      const { url } = await serve(jokeChain(['Knock knock']));
      let last: RunLog | undefined;
      for await (const log of new RemoteRunnable({ url }).streamLog({ topic: 'x' }, { diff: false })) last = log;
      expect(Object.keys(last?.state.logs ?? {})).toEqual([
        'RunnableSequence',
        'ChatPromptTemplate',
        'model',
        'StrOutputParser',
      ]);
      expect(last?.state.logs['model']?.streamed_output_str).toEqual(['Knock', ' knock']);
      expect(last?.state.final_output).toBe('Knock knock');
    });

    it('should map remote events to v1 locally', async () => {
      const { url } = await serve(new ScriptedChatModel({ responses: ['hi'] }));
      const events = await collect(new RemoteRunnable({ url }).streamEvents('x', { version: 'v1' }));
      expect(events.map((e) => e.event)).toEqual([
        'on_chain_start',
        'on_llm_start',
        'on_llm_stream',
        'on_chain_stream',
        'on_llm_end',
        'on_chain_end',
      ]);
      expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
    });

    it('should report a remote failure as the remote error events, then the local ones', async () => {
      const model = new ScriptedChatModel({
        responses: ['a b'],
        name: 'model',
        failAt: { token: 1, error: new Error('down') },
      });
      const { url } = await serve(model, { config: { idGenerator: sequentialIds('s') } });
      const events: StreamEvent[] = [];
      const local = RunnableSequence.from([(x: string) => x, new RemoteRunnable({ url })]);
      const error = await new Promise<unknown>((resolve) => {
        local.events$('x', { idGenerator: sequentialIds('c') }).subscribe({
          next: (event) => events.push(event),
          error: resolve,
          complete: () => resolve(undefined),
        });
      });
      expect(error).toMatchObject({ name: 'Error', message: 'down', runName: 'model' });
      expect(summary(events.filter((e) => e.event.endsWith('_error')))).toEqual([
        ['on_chat_model_error', 'model', 's1', ['c1', 'c3']],
        ['on_chain_error', 'RemoteRunnable', 'c3', ['c1']],
        ['on_chain_error', 'RunnableSequence', 'c1', []],
      ]);
    });
  });
});
