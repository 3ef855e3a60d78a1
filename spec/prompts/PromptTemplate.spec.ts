import { catchError, of } from 'rxjs';
import {
  InvalidArgumentError,
  MissingPromptVariableError,
  PromptTemplate,
  PromptTemplateError,
  RxchainError,
  StringPromptValue,
} from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';

describe('PromptTemplate', () => {
  describe('construction', () => {
    it('should keep the template and list its variables in order of appearance', () => {
      const prompt = PromptTemplate.fromTemplate('{greeting}, {name}! {greeting} again.');
      expect(prompt).toBeInstanceOf(PromptTemplate);
      expect(prompt.template).toBe('{greeting}, {name}! {greeting} again.');
      expect(prompt.inputVariables).toEqual(['greeting', 'name']);
    });

    it('should have no variables when there are only escaped braces', () => {
      expect(new PromptTemplate('{{literal}}').inputVariables).toEqual([]);
    });

    it.each(['Hello {name', 'Hello name}', '{}'])('should throw PromptTemplateError for %p', (template) => {
      expect(() => PromptTemplate.fromTemplate(template)).toThrow(PromptTemplateError);
    });

    it('should be a prompt run named PromptTemplate', () => {
      const prompt = PromptTemplate.fromTemplate('x');
      expect(prompt.runType).toBe('prompt');
      expect(prompt.getName()).toBe('PromptTemplate');
    });
  });

  describe('format', () => {
    it('should fill the variables', () => {
      expect(PromptTemplate.fromTemplate('Tell me a joke about {topic}').format({ topic: 'bears' })).toBe(
        'Tell me a joke about bears',
      );
    });

    it('should turn {{ and }} into literal braces', () => {
      expect(PromptTemplate.fromTemplate('Answer as {{"answer": "{x}"}}').format({ x: 'y' })).toBe(
        'Answer as {"answer": "y"}',
      );
    });

    it('should format numbers, booleans, objects and arrays', () => {
      const prompt = PromptTemplate.fromTemplate('{n} {b} {o} {a}');
      expect(prompt.format({ n: 3, b: true, o: { k: 'v' }, a: [1, 'two'] })).toBe('3 true {"k":"v"} [1,"two"]');
    });

    it('should ignore extra values', () => {
      expect(PromptTemplate.fromTemplate('{a}').format({ a: '1', b: '2' })).toBe('1');
    });
  });

  describe('invoke', () => {
    it('should return a StringPromptValue', async () => {
      const value = await PromptTemplate.fromTemplate('Tell me a joke about {topic}').invoke({ topic: 'bears' });
      expect(value).toBeInstanceOf(StringPromptValue);
      expect(value.toString()).toBe('Tell me a joke about bears');
    });

    it('should accept the bare value of a single-variable template', async () => {
      const prompt = PromptTemplate.fromTemplate('Tell me a joke about {topic}');
      expect((await prompt.invoke('cats')).value).toBe('Tell me a joke about cats');
      expect((await prompt.invoke(7)).value).toBe('Tell me a joke about 7');
    });

    it('should reject a bare value when the template has several variables', async () => {
      const prompt = PromptTemplate.fromTemplate('{a} {b}');
      const error: unknown = await prompt.invoke('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('input');
      expect((error as Error).message).toMatch(/"a", "b"/);
      expect((error as Error).message).toMatch(/got string/);
    });

    it('should reject a missing variable with the variable, the given names and how to fix it', async () => {
      const prompt = PromptTemplate.fromTemplate('Tell me a joke about {topic}');
      await expect(prompt.invoke({ subject: 'cats' })).rejects.toThrow(MissingPromptVariableError);
      const error = (await prompt.invoke({ subject: 'cats' }).catch((e: unknown) => e)) as MissingPromptVariableError;
      expect(error).toBeInstanceOf(RxchainError);
      expect(error.variableName).toBe('topic');
      expect(error.givenVariables).toEqual(['subject']);
      expect(error.message).toMatch(/"topic"/);
      expect(error.message).toMatch(/Pass \{ topic: \.\.\. \} to invoke\(\)/);
    });

    it('should reject an empty object with no given variables', async () => {
      const error = (await PromptTemplate.fromTemplate('{topic}')
        .invoke({})
        .catch((e: unknown) => e)) as MissingPromptVariableError;
      expect(error).toBeInstanceOf(MissingPromptVariableError);
      expect(error.givenVariables).toEqual([]);
    });

    it('should format a template without variables from an empty object', async () => {
      expect((await PromptTemplate.fromTemplate('static').invoke({})).value).toBe('static');
    });
  });

  describe('stream$', () => {
    it('should deliver a missing variable on the error channel, not throw from subscribe', () => {
      const errors: unknown[] = [];
      expect(() =>
        PromptTemplate.fromTemplate('{topic}')
          .stream$({})
          .subscribe({ error: (e: unknown) => errors.push(e) }),
      ).not.toThrow();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(MissingPromptVariableError);
    });

    it('should wait for the whole input and format it once, on completion', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const prompt = PromptTemplate.fromTemplate('{a} and {b}');
        const input$ = cold<Record<string, unknown>>('-x-y|', { x: { a: 'A' }, y: { b: 'B' } });
        expectObservable(prompt.stream$(input$)).toBe('----(v|)', { v: new StringPromptValue('A and B') });
        expectSubscriptions(input$.subscriptions).toBe('^---!');
      });
    });

    it('should pass on a source error without formatting', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const prompt = PromptTemplate.fromTemplate('{a}');
        const input$ = cold<Record<string, unknown>>('-x-#', { x: { a: 'A' } }, new Error('upstream'));
        expectObservable(prompt.stream$(input$)).toBe('---#', undefined, new Error('upstream'));
      });
    });

    it('should fail on completion when the streamed input lacks a variable', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const prompt = PromptTemplate.fromTemplate('{a} {b}');
        const input$ = cold<Record<string, unknown>>('-x|', { x: { a: 'A' } });
        const failure$ = prompt
          .stream$(input$)
          .pipe(catchError((e: unknown) => of(e instanceof MissingPromptVariableError ? e.variableName : 'other')));
        expectObservable(failure$).toBe('--(m|)', { m: 'b' });
      });
    });

    it('should unsubscribe from its input when unsubscribed early', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const input$ = cold<Record<string, unknown>>('-x-----|', { x: { a: 'A' } });
        expectObservable(PromptTemplate.fromTemplate('{a}').stream$(input$), '^--!').toBe('----');
        expectSubscriptions(input$.subscriptions).toBe('^--!');
      });
    });
  });
});
