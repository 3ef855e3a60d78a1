import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  AIMessageChunk,
  chain,
  ChatPromptTemplate,
  HumanMessage,
  InvalidArgumentError,
  Runnable,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type RunContext,
  type RunnableConfig,
  type StreamEvent,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { relayChain } from '../support/relayChain';
import { eventsOf, labels } from '../support/streamEvents';

const model = (text = 'Hello world!') => new ScriptedChatModel({ responses: [text], name: 'model' });

describe('streamEvents', () => {
  describe('the guide chains', () => {
    it('should stream a chat model alone: start, one stream event per token, end', async () => {
      const events = await eventsOf(model('Hello world!'), 'hi');
      expect(labels(events)).toEqual([
        'on_chat_model_start:model',
        'on_chat_model_stream:model',
        'on_chat_model_stream:model',
        'on_chat_model_end:model',
      ]);
      expect(events[0]?.data).toEqual({ input: { messages: [[new HumanMessage('hi')]] } });
      expect(events[1]?.data.chunk).toBeInstanceOf(AIMessageChunk);
      expect((events[1]?.data.chunk as AIMessageChunk).content).toBe('Hello');
      const end = events[3]?.data.output as AIMessageChunk;
      expect(end).toBeInstanceOf(AIMessageChunk);
      expect(end.content).toBe('Hello world!');
      expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
    });

    it('should report a nested chat model start input as { messages: [[...]] }', async () => {
      const events = await eventsOf(ChatPromptTemplate.fromTemplate('Hi {name}').pipe(model()), { name: 'Ada' });
      const start = events.find((e) => e.event === 'on_chat_model_start');
      const messages = (start?.data.input as { messages: readonly (readonly { text: string }[])[] }).messages;
      expect(messages.map((list) => list.map((m) => m.text))).toEqual([['Hi Ada']]);
      expect(events.find((e) => e.event === 'on_prompt_end')?.data.output).toBeDefined();
    });

    it('should start chain, model and parser for model.pipe(parser), parser started before the first token, each parser token after the model token', async () => {
      const events = await eventsOf(model('Hello world!').pipe(new StringOutputParser()), 'hi');
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableSequence',
        'on_chat_model_start:model',
        'on_parser_start:StrOutputParser',
        'on_chat_model_stream:model',
        'on_parser_stream:StrOutputParser',
        'on_chain_stream:RunnableSequence',
        'on_chat_model_stream:model',
        'on_parser_stream:StrOutputParser',
        'on_chain_stream:RunnableSequence',
        'on_chat_model_end:model',
        'on_parser_end:StrOutputParser',
        'on_chain_end:RunnableSequence',
      ]);
      const [root, chat, parser] = events;
      expect(chat?.parent_ids).toEqual([root?.run_id]);
      expect(parser?.parent_ids).toEqual([root?.run_id]);
      expect(chat?.tags).toEqual(['seq:step:1']);
      expect(parser?.tags).toEqual(['seq:step:2']);
      expect(events.at(-1)?.data).toEqual({ input: 'hi', output: 'Hello world!' });
    });

    const tagged = () =>
      model('Hello world!')
        .withConfig({ runName: 'model', tags: ['my_model'] })
        .pipe(new StringOutputParser().withConfig({ runName: 'my_parser' }))
        .withConfig({ tags: ['my_chain'] });

    it('should keep only the named runs with includeNames', async () => {
      const events = await eventsOf(tagged(), 'hi', { includeNames: ['my_parser'] });
      expect(labels(events)).toEqual([
        'on_parser_start:my_parser',
        'on_parser_stream:my_parser',
        'on_parser_stream:my_parser',
        'on_parser_end:my_parser',
      ]);
      expect(events[0]?.data).toEqual({});
    });

    it('should keep only chat models with includeTypes', async () => {
      const events = await eventsOf(tagged(), 'hi', { includeTypes: ['chat_model'] });
      expect(new Set(events.map((e) => e.event.replace(/_(start|stream|end)$/, '')))).toEqual(
        new Set(['on_chat_model']),
      );
      expect(events).toHaveLength(4);
      expect(events[0]?.data).toEqual({ input: { messages: [[new HumanMessage('hi')]] } });
    });

    it('should keep runs by tag, inherited tags included', async () => {
      const onlyModel = await eventsOf(tagged(), 'hi', { includeTags: ['my_model'] });
      expect(new Set(onlyModel.map((e) => e.name))).toEqual(new Set(['model']));
      const everything = await eventsOf(tagged(), 'hi', { includeTags: ['my_chain'] });
      expect(new Set(everything.map((e) => e.name))).toEqual(new Set(['RunnableSequence', 'model', 'my_parser']));
    });

    it('should drop excluded runs and combine includes with excludes', async () => {
      const events = await eventsOf(tagged(), 'hi', {
        includeTags: ['my_chain'],
        excludeTypes: ['chat_model'],
        excludeNames: ['RunnableSequence'],
      });
      expect(new Set(events.map((e) => e.name))).toEqual(new Set(['my_parser']));
    });

    describe('a lambda calling reverse_word', () => {
      const reverseWord = RunnableLambda.from(function reverse_word(word: string) {
        return [...word].reverse().join('');
      });

      it('should nest reverse_word under the caller when the config is passed', async () => {
        const correct = chain(async function correct_lambda(word: string, config: RunnableConfig) {
          return reverseWord.invoke(word, config);
        });
        const events = await eventsOf(correct, 'hello');
        expect(labels(events)).toEqual([
          'on_chain_start:correct_lambda',
          'on_chain_start:reverse_word',
          'on_chain_stream:reverse_word',
          'on_chain_end:reverse_word',
          'on_chain_stream:correct_lambda',
          'on_chain_end:correct_lambda',
        ]);
        expect(events[1]?.parent_ids).toEqual([events[0]?.run_id]);
        expect(events.at(-1)?.data.output).toBe('olleh');
      });

      it('should nest it just as well when the config is not passed', async () => {
        const bad = chain(async function bad_lambda(word: string) {
          return reverseWord.invoke(word);
        });
        const events = await eventsOf(bad, 'hello');
        expect(labels(events)).toContain('on_chain_start:reverse_word');
        expect(events.find((e) => e.name === 'reverse_word')?.parent_ids).toEqual([events[0]?.run_id]);
      });
    });
  });

  describe('ordering and ancestry', () => {
    it('should pin every event of a sequence in a map in a sequence, in virtual time', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      const lines: string[] = [];
      scheduler.run(({ cold, flush }) => {
        const tokens = cold('-a-b|', { a: 'x', b: 'y' });
        const inner = RunnableSequence.from(
          [new ScriptedChatModel({ responses: [tokens], name: 'm' }), new StringOutputParser()],
          'inner',
        );
        const pass = new RunnablePassthrough<string>().withConfig({ runName: 'pass' });
        const pick = RunnableLambda.from(function pick(x: Record<string, string>) {
          return x['gen'];
        });
        const outer = RunnableSequence.from([RunnableMap.from({ gen: inner, same: pass }), pick], 'outer');
        const names = new Map<string, string>();
        outer.events$('q').subscribe((e) => {
          names.set(e.run_id, e.name);
          const ancestry = e.parent_ids.map((id) => names.get(id) ?? '?').join('/');
          lines.push(`${scheduler.now()} ${e.event.replace(/^on_/, '')}:${e.name}<${ancestry}>`);
        });
        flush();
      });
      expect(lines).toEqual([
        '0 chain_start:outer<>',
        '0 chain_start:RunnableMap<outer>',
        '0 chain_start:inner<outer/RunnableMap>',
        '0 chain_start:pass<outer/RunnableMap>',
        '0 chain_stream:pass<outer/RunnableMap>',
        '0 chain_stream:RunnableMap<outer>',
        '0 chat_model_start:m<outer/RunnableMap/inner>',
        '0 chain_end:pass<outer/RunnableMap>',
        '1 parser_start:StrOutputParser<outer/RunnableMap/inner>',
        '1 chat_model_stream:m<outer/RunnableMap/inner>',
        '1 parser_stream:StrOutputParser<outer/RunnableMap/inner>',
        '1 chain_stream:inner<outer/RunnableMap>',
        '1 chain_stream:RunnableMap<outer>',
        '3 chat_model_stream:m<outer/RunnableMap/inner>',
        '3 parser_stream:StrOutputParser<outer/RunnableMap/inner>',
        '3 chain_stream:inner<outer/RunnableMap>',
        '3 chain_stream:RunnableMap<outer>',
        '4 chat_model_end:m<outer/RunnableMap/inner>',
        '4 parser_end:StrOutputParser<outer/RunnableMap/inner>',
        '4 chain_end:inner<outer/RunnableMap>',
        '4 chain_end:RunnableMap<outer>',
        '4 chain_start:pick<outer>',
        '4 chain_stream:pick<outer>',
        '4 chain_stream:outer<>',
        '4 chain_end:pick<outer>',
        '4 chain_end:outer<>',
      ]);
    });
  });

  describe('errors', () => {
    it('should emit on_<type>_error for the failing run and each ancestor, then reject with the original error', async () => {
      const failure = new Error('model down');
      const failing = new ScriptedChatModel({
        responses: ['a b c d'],
        failAt: { token: 3, error: failure },
        name: 'model',
      });
      const chainWithParser = failing.pipe(new StringOutputParser());
      const seen: StreamEvent[] = [];
      let caught: unknown;
      try {
        for await (const event of chainWithParser.streamEvents('q', { version: 'v2' })) seen.push(event);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(failure);
      const tail = labels(seen).slice(-3);
      expect(tail).toEqual([
        'on_chat_model_error:model',
        'on_parser_error:StrOutputParser',
        'on_chain_error:RunnableSequence',
      ]);
      expect(seen.at(-3)?.data).toEqual({ input: { messages: [[new HumanMessage('q')]] }, error: failure });
      expect(seen.at(-1)?.data).toEqual({ input: 'q', error: failure });
      expect(labels(seen).filter((l) => l.startsWith('on_chat_model_stream'))).toHaveLength(2);
    });

    it('should fail the first read with a clear error for a missing or unknown version', async () => {
      const step = RunnableLambda.from((x: string) => x);
      const missing = step.streamEvents('x', {} as never);
      await expect(missing.next()).rejects.toThrow(/requires the event schema version.*\{ version: "v2" \}/);
      const unknown = step.streamEvents('x', { version: 'v3' as never });
      await expect(unknown.next()).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(step.streamEvents('x', { version: 'v3' as never }).next()).rejects.toThrow(/"v3"/);
    });
  });

  describe('data', () => {
    it('should put the caller input on the root start only, even when the root is filtered out', async () => {
      const parser = new StringOutputParser().withConfig({ runName: 'p' });
      const events = await eventsOf(model('a b').pipe(parser), 'question', { includeNames: ['p'] });
      expect(events[0]?.event).toBe('on_parser_start');
      expect(events[0]?.data).toEqual({});
      expect(events.at(-1)?.data.input).toBeInstanceOf(AIMessageChunk);
    });

    it('should report inputs and outputs whole, even with keys named input or output', async () => {
      const step = RunnableLambda.from(function swap(x: { input: number; output: number }) {
        return { input: x.output, output: x.input, extra: true };
      });
      const events = await eventsOf(step, { input: 1, output: 2 });
      expect(events[0]?.data).toEqual({ input: { input: 1, output: 2 } });
      expect(events.at(-1)?.data).toEqual({
        input: { input: 1, output: 2 },
        output: { input: 2, output: 1, extra: true },
      });
    });

    it('should stream a chat model invoked inside a lambda token by token', async () => {
      const inner = model('one two three');
      const outer = chain(async function outer(q: string) {
        return (await inner.invoke(q)).text;
      });
      const events = await eventsOf(outer, 'q');
      expect(labels(events).filter((l) => l === 'on_chat_model_stream:model')).toHaveLength(3);
    });
  });

  describe('v1', () => {
    it('should report chat models as on_llm_* with generation chunks and no parent ids', async () => {
      const events = await eventsOf(
        ChatPromptTemplate.fromTemplate('{q}').pipe(model('Hi there')),
        { q: 'x' },
        undefined,
        { version: 'v1' },
      );
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableSequence',
        'on_prompt_start:ChatPromptTemplate',
        'on_prompt_end:ChatPromptTemplate',
        'on_llm_start:model',
        'on_llm_stream:model',
        'on_chain_stream:RunnableSequence',
        'on_llm_stream:model',
        'on_chain_stream:RunnableSequence',
        'on_llm_end:model',
        'on_chain_end:RunnableSequence',
      ]);
      const chunk = events[4]?.data.chunk as { text: string; message: AIMessageChunk };
      expect(chunk.message.content).toBe('Hi');
      expect(chunk.text).toBe('Hi');
      const end = events[8]?.data.output as { generations: { text: string }[][] };
      expect(end.generations[0]?.[0]?.text).toBe('Hi there');
      expect(events.every((e) => e.parent_ids.length === 0)).toBe(true);
    });

    it('should match chat models as llm in type filters and drop custom events', async () => {
      const events = await eventsOf(
        model('a').pipe(new StringOutputParser()),
        'q',
        { includeTypes: ['llm'] },
        { version: 'v1' },
      );
      expect(labels(events)).toEqual(['on_llm_start:model', 'on_llm_stream:model', 'on_llm_end:model']);
    });
  });

  describe('consumption', () => {
    it('should be iterable directly and after await', async () => {
      const step = RunnableLambda.from((x: string) => x);
      const direct: string[] = [];
      for await (const e of step.streamEvents('x', { version: 'v2' })) direct.push(e.event);
      const awaited: string[] = [];
      for await (const e of await step.streamEvents('x', { version: 'v2' })) awaited.push(e.event);
      expect(direct).toEqual(['on_chain_start', 'on_chain_stream', 'on_chain_end']);
      expect(awaited).toEqual(direct);
    });

    it('should not run until read', async () => {
      const scripted = model('x');
      const events = scripted.streamEvents('q', { version: 'v2' });
      expect(scripted.calls).toHaveLength(0);
      await events.next();
      expect(scripted.calls).toHaveLength(1);
      await events.return();
    });

    it('should stop the run, release its timer and never throw when breaking after any k events', async () => {
      const tokenCount = 4;
      const build = () => relayChain(tokenCount);
      const total = (await eventsOf(build().runnable, 'q')).length;
      expect(total).toBeGreaterThan(10);
      for (let k = 1; k <= total; k++) {
        const { runnable, live, timers, state } = build();
        let seen = 0;
        for await (const _event of runnable.streamEvents('q', { version: 'v2' })) {
          seen++;
          if (seen === k) break;
        }
        expect(seen).toBe(k);
        expect(live()).toBe(0);
        expect(timers()).toBe(0);
        // The generator, if it started, is released: its finally block runs.
        for (let tick = 0; tick < 5 && state.started && !state.finished; tick++) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(state.finished).toBe(state.started);
      }
    });
  });

  describe('cost when nobody listens', () => {
    class SinkProbe extends Runnable<string, string> {
      readonly sinks: unknown[] = [];
      protected _step(input$: Observable<string>, run: RunContext): Observable<string> {
        this.sinks.push(run.sink);
        return input$;
      }
    }

    it('should build no event record and generate no run id during stream() and invoke()', async () => {
      let ids = 0;
      const idGenerator = () => `id${++ids}`;
      const probe = new SinkProbe();
      const pipeline = ChatPromptTemplate.fromTemplate('{q}')
        .pipe(model('a b c'))
        .pipe(new StringOutputParser())
        .pipe(probe);
      for await (const _chunk of await pipeline.stream({ q: 'x' }, { idGenerator })) {
        // drain
      }
      await pipeline.invoke({ q: 'x' }, { idGenerator });
      expect(probe.sinks).toEqual([undefined, undefined]);
      expect(ids).toBe(0);
      await eventsOf(pipeline, { q: 'x' });
      expect(probe.sinks[2]).toBeDefined();
    });
  });
});
