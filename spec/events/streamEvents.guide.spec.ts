import { TestScheduler } from 'rxjs/testing';
import {
  AIMessageChunk,
  chain,
  ChatPromptTemplate,
  HumanMessage,
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type RunnableConfig,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';
import { model } from './streamEvents.helpers';

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

    it('should start chain, model and parser for model.pipe(parser), parser started before the first token, each model token after the parser and chain handled it', async () => {
      const events = await eventsOf(model('Hello world!').pipe(new StringOutputParser()), 'hi');
      expect(labels(events)).toEqual([
        'on_chain_start:RunnableSequence',
        'on_chat_model_start:model',
        'on_parser_start:StrOutputParser',
        'on_parser_stream:StrOutputParser',
        'on_chain_stream:RunnableSequence',
        'on_chat_model_stream:model',
        'on_parser_stream:StrOutputParser',
        'on_chain_stream:RunnableSequence',
        'on_chat_model_stream:model',
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
      const reverseWord = RunnableLambda.from(
        function reverse_word(word: string) {
          return [...word].reverse().join('');
        },
        { name: 'reverse_word' },
      );

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
        const pick = RunnableLambda.from(
          function pick(x: Record<string, string>) {
            return x['gen'];
          },
          { name: 'pick' },
        );
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
        '0 chat_model_start:m<outer/RunnableMap/inner>',
        '0 chain_stream:pass<outer/RunnableMap>',
        '0 chain_stream:RunnableMap<outer>',
        '0 chain_start:pick<outer>',
        '0 chain_end:pass<outer/RunnableMap>',
        '1 parser_start:StrOutputParser<outer/RunnableMap/inner>',
        '1 parser_stream:StrOutputParser<outer/RunnableMap/inner>',
        '1 chain_stream:RunnableMap<outer>',
        '1 chat_model_stream:m<outer/RunnableMap/inner>',
        '3 parser_stream:StrOutputParser<outer/RunnableMap/inner>',
        '3 chain_stream:RunnableMap<outer>',
        '3 chat_model_stream:m<outer/RunnableMap/inner>',
        '4 chat_model_end:m<outer/RunnableMap/inner>',
        '4 parser_end:StrOutputParser<outer/RunnableMap/inner>',
        '4 chain_end:inner<outer/RunnableMap>',
        '4 chain_end:RunnableMap<outer>',
        '4 chain_stream:pick<outer>',
        '4 chain_stream:outer<>',
        '4 chain_end:pick<outer>',
        '4 chain_end:outer<>',
      ]);
    });
  });
});
