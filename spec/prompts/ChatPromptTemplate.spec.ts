import { catchError, map, of } from 'rxjs';
import {
  AIMessage,
  ChatPromptTemplate,
  ChatPromptValue,
  HumanMessage,
  InvalidArgumentError,
  MessagesPlaceholder,
  MissingPromptVariableError,
  PromptTemplateError,
  StringPromptValue,
  SystemMessage,
} from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';

const summary = (value: ChatPromptValue): [string, string][] => value.messages.map((m) => [m.type, m.text]);

describe('ChatPromptTemplate', () => {
  describe('fromMessages', () => {
    it('should make messages of the system, human, ai, user and assistant roles', async () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', 'You are {style}.'],
        ['human', 'Q1: {q}'],
        ['ai', 'A1'],
        ['user', 'Q2'],
        ['assistant', 'A2'],
      ]);
      const value = await prompt.invoke({ style: 'terse', q: 'why?' });
      expect(value).toBeInstanceOf(ChatPromptValue);
      expect(value.messages.map((m) => m.constructor)).toEqual([
        SystemMessage,
        HumanMessage,
        AIMessage,
        HumanMessage,
        AIMessage,
      ]);
      expect(summary(value)).toEqual([
        ['system', 'You are terse.'],
        ['human', 'Q1: why?'],
        ['ai', 'A1'],
        ['human', 'Q2'],
        ['ai', 'A2'],
      ]);
    });

    it('should print the conversation with role labels', async () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', 'You are a {style} assistant.'],
        ['human', '{question}'],
      ]);
      expect((await prompt.invoke({ style: 'terse', question: 'Why?' })).toString()).toBe(
        'System: You are a terse assistant.\nHuman: Why?',
      );
    });

    it('should throw InvalidArgumentError for an unknown role at construction', () => {
      expect(() => ChatPromptTemplate.fromMessages([['robot', 'beep']])).toThrow(InvalidArgumentError);
    });

    it('should throw PromptTemplateError for an unmatched brace at construction', () => {
      expect(() => ChatPromptTemplate.fromMessages([['human', 'Hi {name']])).toThrow(PromptTemplateError);
      expect(() => ChatPromptTemplate.fromMessages([['system', 'a } b']])).toThrow(PromptTemplateError);
    });

    it('should turn {{ and }} into literal braces', async () => {
      const prompt = ChatPromptTemplate.fromMessages([['system', 'Reply as {{"answer": ...}} about {topic}']]);
      expect(prompt.inputVariables).toEqual(['topic']);
      expect(summary(await prompt.invoke({ topic: 'x' }))).toEqual([['system', 'Reply as {"answer": ...} about x']]);
    });

    it('should keep a fixed message instance as it is, without templating it', async () => {
      const fixed = new SystemMessage('Use {braces} freely.');
      const prompt = ChatPromptTemplate.fromMessages([fixed, ['human', '{q}']]);
      expect(prompt.inputVariables).toEqual(['q']);
      const value = await prompt.invoke({ q: 'hi' });
      expect(value.messages[0]).toBe(fixed);
      expect(value.messages[0]?.text).toBe('Use {braces} freely.');
    });
  });

  describe('fromTemplate', () => {
    it('should make one human message', async () => {
      const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
      expect(summary(await prompt.invoke({ topic: 'owls' }))).toEqual([['human', 'Tell me about owls']]);
    });
  });

  describe('inputVariables', () => {
    it('should list the distinct variables of all messages, in order, with required placeholders', () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', '{persona} {style}'],
        new MessagesPlaceholder('history'),
        ['human', '{question} ({style})'],
      ]);
      expect(prompt.inputVariables).toEqual(['persona', 'style', 'history', 'question']);
    });

    it('should leave out optional placeholders', () => {
      const prompt = ChatPromptTemplate.fromMessages([
        new MessagesPlaceholder('a', true),
        ['placeholder', '{b}'],
        ['human', '{q}'],
      ]);
      expect(prompt.inputVariables).toEqual(['q']);
    });
  });

  describe('placeholders', () => {
    it('should fill a required MessagesPlaceholder from messages, tuples and role objects', async () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', 'sys'],
        new MessagesPlaceholder('history'),
        ['human', '{q}'],
      ]);
      const value = await prompt.invoke({
        history: [new HumanMessage('h1'), ['ai', 'a1'], { role: 'user', content: 'h2' }],
        q: 'now',
      });
      expect(summary(value)).toEqual([
        ['system', 'sys'],
        ['human', 'h1'],
        ['ai', 'a1'],
        ['human', 'h2'],
        ['human', 'now'],
      ]);
    });

    it('should take a prompt value or a string for a placeholder', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history')]);
      expect(summary(await prompt.invoke({ history: new StringPromptValue('as value') }))).toEqual([
        ['human', 'as value'],
      ]);
      expect(summary(await prompt.invoke({ history: 'as text' }))).toEqual([['human', 'as text']]);
    });

    it('should reject a missing required placeholder, naming the variable', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history'), ['human', '{q}']]);
      await expect(prompt.invoke({ q: 'x' })).rejects.toThrow(MissingPromptVariableError);
      const error = (await prompt.invoke({ q: 'x' }).catch((e: unknown) => e)) as MissingPromptVariableError;
      expect(error.variableName).toBe('history');
      expect(error.givenVariables).toEqual(['q']);
      expect(error.message).toMatch(/Pass \{ history: \.\.\. \} to invoke\(\)/);
    });

    it('should reject a null required placeholder as missing', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history'), ['human', '{q}']]);
      await expect(prompt.invoke({ history: null, q: 'x' })).rejects.toThrow(MissingPromptVariableError);
    });

    it('should read ["placeholder", "{history}"] as an optional placeholder', async () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['placeholder', '{history}'],
        ['human', '{q}'],
      ]);
      expect(summary(await prompt.invoke({ q: 'x' }))).toEqual([['human', 'x']]);
      expect(summary(await prompt.invoke({ q: 'x', history: null }))).toEqual([['human', 'x']]);
      expect(summary(await prompt.invoke({ q: 'x', history: [['ai', 'before']] }))).toEqual([
        ['ai', 'before'],
        ['human', 'x'],
      ]);
    });

    it('should reject a placeholder value that is not messages', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history')]);
      await expect(prompt.invoke({ history: { not: 'messages' } })).rejects.toThrow(InvalidArgumentError);
      await expect(prompt.invoke({ history: [['robot', 'x']] })).rejects.toThrow(InvalidArgumentError);
    });
  });

  describe('invoke', () => {
    it('should accept the bare value of a single-variable template', async () => {
      expect(summary(await ChatPromptTemplate.fromTemplate('About {topic}').invoke('cats'))).toEqual([
        ['human', 'About cats'],
      ]);
    });

    it('should accept a bare list of messages for a lone placeholder', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history')]);
      expect(summary(await prompt.invoke([new AIMessage('hi')]))).toEqual([['ai', 'hi']]);
    });

    it('should reject a missing template variable with the variable and how to fix it', async () => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', '{persona}'],
        ['human', '{q}'],
      ]);
      const error = (await prompt.invoke({ q: 'x' }).catch((e: unknown) => e)) as MissingPromptVariableError;
      expect(error).toBeInstanceOf(MissingPromptVariableError);
      expect(error.variableName).toBe('persona');
      expect(error.givenVariables).toEqual(['q']);
      expect(error.message).toMatch(/"persona"/);
    });

    it('should format messages with formatMessages too', () => {
      const prompt = ChatPromptTemplate.fromMessages([['human', '{q}']]);
      expect(prompt.formatMessages({ q: 'x' }).map((m) => m.text)).toEqual(['x']);
      expect(() => prompt.formatMessages({})).toThrow(MissingPromptVariableError);
    });

    it('should be a prompt run named ChatPromptTemplate', () => {
      const prompt = ChatPromptTemplate.fromTemplate('x');
      expect(prompt.runType).toBe('prompt');
      expect(prompt.getName()).toBe('ChatPromptTemplate');
    });
  });

  describe('stream$', () => {
    it('should deliver errors on the error channel, not throw from subscribe', () => {
      const errors: unknown[] = [];
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history')]);
      expect(() => prompt.stream$({}).subscribe({ error: (e: unknown) => errors.push(e) })).not.toThrow();
      expect(errors[0]).toBeInstanceOf(MissingPromptVariableError);
    });

    it('should add up the streamed pieces of its input and format once on completion', () => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const prompt = ChatPromptTemplate.fromMessages([
          ['system', '{context}'],
          ['human', '{question}'],
        ]);
        const input$ = cold<Record<string, unknown>>('-c--q-|', { c: { context: 'docs' }, q: { question: 'why?' } });
        expectObservable(prompt.stream$(input$).pipe(map(summary))).toBe('------(v|)', {
          v: [
            ['system', 'docs'],
            ['human', 'why?'],
          ],
        });
        expectSubscriptions(input$.subscriptions).toBe('^-----!');
      });
    });

    it('should fail on completion when a streamed input lacks a variable', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
        const input$ = cold<Record<string, unknown>>('-c|', { c: { context: 'docs' } });
        const failure$ = prompt
          .stream$(input$)
          .pipe(catchError((e: unknown) => of(e instanceof MissingPromptVariableError ? e.variableName : 'other')));
        expectObservable(failure$).toBe('--(m|)', { m: 'question' });
      });
    });
  });
});
