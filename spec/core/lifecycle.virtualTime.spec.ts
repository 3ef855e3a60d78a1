import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ChatPromptTemplate, RunnableLambda, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { recordRun } from '../support/events';

describe('the run lifecycle', () => {
  describe('in virtual time', () => {
    let scheduler: TestScheduler;
    beforeEach(() => {
      scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    });

    it('should stream prompt | model | parser chunks on the frames the model produced them', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const tokens = cold('-a-b-c|', { a: 'Why', b: ' so', c: ' serious?' });
        const model = new ScriptedChatModel({ responses: [tokens] });
        const chain = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
          .pipe(model)
          .pipe(new StringOutputParser());
        expectObservable(chain.stream$({ topic: 'parrots' })).toBe('-a-b-c|', { a: 'Why', b: ' so', c: ' serious?' });
        expectSubscriptions(tokens.subscriptions).toBe('^-----!');
      });
    });

    it('should yield one chunk at completion when the chain ends in a plain function', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const tokens = cold('-a-b-c|', { a: 'Why', b: ' so', c: ' serious?' });
        const model = new ScriptedChatModel({ responses: [tokens] });
        const chain = ChatPromptTemplate.fromTemplate('{topic}')
          .pipe(model)
          .pipe(new StringOutputParser())
          .pipe((text: string) => text.length);
        expectObservable(chain.stream$({ topic: 'x' })).toBe('------(n|)', { n: 'Why so serious?'.length });
      });
    });

    it('should keep streaming when the last step is an operator lambda', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const tokens = cold('-a-b-c|', { a: 'x', b: 'yy', c: 'zzz' });
        const lengths = RunnableLambda.fromOperator((input$: Observable<string>) => input$.pipe(map((s) => s.length)));
        const chain = new ScriptedChatModel({ responses: [tokens] }).pipe(new StringOutputParser()).pipe(lengths);
        expectObservable(chain.stream$('q')).toBe('-a-b-c|', { a: 1, b: 2, c: 3 });
      });
    });

    it('should order every record of a timed run exactly', () => {
      const stamped: string[] = [];
      scheduler.run(({ cold, flush }) => {
        const tokens = cold('-a-b|', { a: 'A', b: 'B' });
        const chain = new ScriptedChatModel({ responses: [tokens], name: 'model' }).pipe(new StringOutputParser());
        recordRun(chain, 'q')
          .pipe(map((e) => `${scheduler.now()} ${e.type}:${e.run.name}`))
          .subscribe((line) => stamped.push(line));
        flush();
      });
      expect(stamped).toEqual([
        '0 start:RunnableSequence',
        '0 start:model',
        '1 start:StrOutputParser',
        '1 stream:StrOutputParser',
        '1 stream:RunnableSequence',
        '1 stream:model',
        '3 stream:StrOutputParser',
        '3 stream:RunnableSequence',
        '3 stream:model',
        '4 end:model',
        '4 end:StrOutputParser',
        '4 end:RunnableSequence',
      ]);
    });
  });
});
