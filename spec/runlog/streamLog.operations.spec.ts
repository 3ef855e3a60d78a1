import { map } from 'rxjs';
import {
  AIMessageChunk,
  ChatPromptTemplate,
  ChatPromptValue,
  HumanMessage,
  RunnableMap,
  RunLogPatch,
  sequentialIds,
  StringOutputParser,
  type LogEntry,
} from 'rxchain';
import { createTestScheduler, ScriptedChatModel } from 'rxchain/testing';
import { t, fold, framesOf, entry, rootState, KeywordRetriever, reverse } from './streamLog.helpers';

describe('streamLog', () => {
  describe('the operations', () => {
    it('should log a single lambda as: replace the root state, add its chunk, set its final output', () => {
      const scheduler = createTestScheduler();
      scheduler.run(({ expectObservable }) => {
        const ops$ = reverse()
          .log$('ab', { idGenerator: sequentialIds('r') })
          .pipe(map((patch) => patch.ops));
        expectObservable(ops$).toBe('(abc|)', {
          a: [{ op: 'replace', path: '', value: rootState('r1', 'reverse') }],
          b: [{ op: 'add', path: '/streamed_output/-', value: 'ba' }],
          c: [{ op: 'add', path: '/final_output', value: 'ba' }],
        });
      });
    });

    it('should log prompt | model | parser step by step, each token through the parser, the root and the model', () => {
      const model = new ScriptedChatModel({ responses: ['Hello world!'], delay: 10, name: 'model' });
      const chain = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
        .pipe(model)
        .pipe(new StringOutputParser());
      const frames = framesOf(() => chain.log$({ topic: 'parrots' }, { idGenerator: sequentialIds('r') }));
      const prompt = new ChatPromptValue([new HumanMessage('Tell me a joke about parrots')]);
      const hello = new AIMessageChunk({ content: 'Hello', id: 'scripted-1' });
      const world = new AIMessageChunk({ content: ' world!', id: 'scripted-1' });
      const whole = new AIMessageChunk({ content: 'Hello world!', id: 'scripted-1' });
      expect(frames).toEqual([
        [0, [{ op: 'replace', path: '', value: rootState('r1', 'RunnableSequence') }]],
        [
          0,
          [
            {
              op: 'add',
              path: '/logs/ChatPromptTemplate',
              value: entry({
                id: 'r2',
                name: 'ChatPromptTemplate',
                type: 'prompt',
                tags: ['seq:step:1'],
                start_time: t(0),
                inputs: { topic: 'parrots' },
              }),
            },
          ],
        ],
        [
          0,
          [
            { op: 'add', path: '/logs/ChatPromptTemplate/final_output', value: prompt },
            { op: 'add', path: '/logs/ChatPromptTemplate/end_time', value: t(0) },
          ],
        ],
        [
          0,
          [
            {
              op: 'add',
              path: '/logs/model',
              value: entry({
                id: 'r3',
                name: 'model',
                type: 'chat_model',
                tags: ['seq:step:2'],
                start_time: t(0),
                inputs: { messages: [[new HumanMessage('Tell me a joke about parrots')]] },
              }),
            },
          ],
        ],
        [
          10,
          [
            {
              op: 'add',
              path: '/logs/StrOutputParser',
              value: entry({
                id: 'r4',
                name: 'StrOutputParser',
                type: 'parser',
                tags: ['seq:step:3'],
                start_time: t(10),
              }),
            },
          ],
        ],
        [10, [{ op: 'add', path: '/logs/StrOutputParser/streamed_output/-', value: 'Hello' }]],
        [10, [{ op: 'add', path: '/streamed_output/-', value: 'Hello' }]],
        [
          10,
          [
            { op: 'add', path: '/logs/model/streamed_output_str/-', value: 'Hello' },
            { op: 'add', path: '/logs/model/streamed_output/-', value: hello },
          ],
        ],
        [20, [{ op: 'add', path: '/logs/StrOutputParser/streamed_output/-', value: ' world!' }]],
        [20, [{ op: 'add', path: '/streamed_output/-', value: ' world!' }]],
        [
          20,
          [
            { op: 'add', path: '/logs/model/streamed_output_str/-', value: ' world!' },
            { op: 'add', path: '/logs/model/streamed_output/-', value: world },
          ],
        ],
        [
          20,
          [
            { op: 'add', path: '/logs/model/final_output', value: whole },
            { op: 'add', path: '/logs/model/end_time', value: t(20) },
          ],
        ],
        [
          20,
          [
            { op: 'add', path: '/logs/StrOutputParser/inputs', value: whole },
            { op: 'add', path: '/logs/StrOutputParser/final_output', value: 'Hello world!' },
            { op: 'add', path: '/logs/StrOutputParser/end_time', value: t(20) },
          ],
        ],
        [20, [{ op: 'add', path: '/final_output', value: 'Hello world!' }]],
      ]);
      // The parser streams over its input: its entry has no `inputs` until it ends.
      const parserStart = frames[4]?.[1][0] as { value: LogEntry };
      expect(Object.keys(parserStart.value)).not.toContain('inputs');
    });

    it('should log only CUSTOM_NAME and the only_one model of a map, and fold to both final outputs', () => {
      const model = new ScriptedChatModel({ responses: ['Blue it is'], delay: 5, name: 'model' });
      const both = RunnableMap.from({
        docs: new KeywordRetriever().withConfig({ runName: 'CUSTOM_NAME' }),
        answer: model.withConfig({ tags: ['only_one'] }),
        echo: (x: string) => x,
      });
      const filters = { includeTags: ['only_one'], includeNames: ['CUSTOM_NAME'] };
      const frames = framesOf(() => both.log$('blue', { idGenerator: sequentialIds('r') }, filters));
      const docs = [{ pageContent: 'blue is a colour' }];
      const blue = new AIMessageChunk({ content: 'Blue', id: 'scripted-1' });
      const rest = new AIMessageChunk({ content: ' it', id: 'scripted-1' });
      const is = new AIMessageChunk({ content: ' is', id: 'scripted-1' });
      const answer = new AIMessageChunk({ content: 'Blue it is', id: 'scripted-1' });
      expect(frames).toEqual([
        [0, [{ op: 'replace', path: '', value: rootState('r1', 'RunnableMap') }]],
        [
          0,
          [
            {
              op: 'add',
              path: '/logs/CUSTOM_NAME',
              value: entry({
                id: 'r3',
                name: 'CUSTOM_NAME',
                type: 'retriever',
                tags: ['map:key:docs'],
                start_time: t(0),
                inputs: 'blue',
              }),
            },
          ],
        ],
        [0, [{ op: 'add', path: '/logs/CUSTOM_NAME/streamed_output/-', value: docs }]],
        [0, [{ op: 'add', path: '/streamed_output/-', value: { docs } }]],
        [
          0,
          [
            { op: 'add', path: '/logs/CUSTOM_NAME/final_output', value: docs },
            { op: 'add', path: '/logs/CUSTOM_NAME/end_time', value: t(0) },
          ],
        ],
        [
          0,
          [
            {
              op: 'add',
              path: '/logs/model',
              value: entry({
                id: 'r4',
                name: 'model',
                type: 'chat_model',
                tags: ['map:key:answer', 'only_one'],
                start_time: t(0),
                inputs: { messages: [[new HumanMessage('blue')]] },
              }),
            },
          ],
        ],
        [0, [{ op: 'add', path: '/streamed_output/-', value: { echo: 'blue' } }]],
        [5, [{ op: 'add', path: '/streamed_output/-', value: { answer: blue } }]],
        [
          5,
          [
            { op: 'add', path: '/logs/model/streamed_output_str/-', value: 'Blue' },
            { op: 'add', path: '/logs/model/streamed_output/-', value: blue },
          ],
        ],
        [10, [{ op: 'add', path: '/streamed_output/-', value: { answer: rest } }]],
        [
          10,
          [
            { op: 'add', path: '/logs/model/streamed_output_str/-', value: ' it' },
            { op: 'add', path: '/logs/model/streamed_output/-', value: rest },
          ],
        ],
        [15, [{ op: 'add', path: '/streamed_output/-', value: { answer: is } }]],
        [
          15,
          [
            { op: 'add', path: '/logs/model/streamed_output_str/-', value: ' is' },
            { op: 'add', path: '/logs/model/streamed_output/-', value: is },
          ],
        ],
        [
          15,
          [
            { op: 'add', path: '/logs/model/final_output', value: answer },
            { op: 'add', path: '/logs/model/end_time', value: t(15) },
          ],
        ],
        [15, [{ op: 'add', path: '/final_output', value: { docs, echo: 'blue', answer } }]],
      ]);
      const state = fold(frames.map(([, ops]) => new RunLogPatch({ ops }))).state;
      expect(Object.keys(state.logs)).toEqual(['CUSTOM_NAME', 'model']);
      expect(state.logs['CUSTOM_NAME']?.final_output).toEqual(docs);
      expect(state.logs['model']?.final_output).toEqual(answer);
      expect(state.logs['model']?.streamed_output_str).toEqual(['Blue', ' it', ' is']);
      expect(state.final_output).toEqual({ docs, echo: 'blue', answer });
    });
  });
});
