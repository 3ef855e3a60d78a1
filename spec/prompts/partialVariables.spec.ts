import { Subject, firstValueFrom } from 'rxjs';
import {
  ChatPromptTemplate,
  HumanMessagePromptTemplate,
  InvalidArgumentError,
  MissingPromptVariableError,
  PromptTemplate,
  StringOutputParser,
} from 'rxchain';
import { FakeListChatModel } from 'rxchain/testing';
import { eventsOf, labels } from '../support/streamEvents';

describe('partial variables', () => {
  describe('PromptTemplate', () => {
    it('should call a partial function at each format, not once', () => {
      let calls = 0;
      const prompt = PromptTemplate.fromTemplate('{n}: {text}', { partialVariables: { n: () => String(++calls) } });
      expect([prompt.format({ text: 'a' }), prompt.format({ text: 'b' })]).toEqual(['1: a', '2: b']);
    });

    it('should let a given value win over the partial one, and not call its function', () => {
      const partial = jest.fn(() => 'partial');
      const prompt = PromptTemplate.fromTemplate('{a}', { partialVariables: { a: partial } });
      expect(prompt.format({ a: 'given' })).toBe('given');
      expect(partial).not.toHaveBeenCalled();
    });

    it('should map a bare value to the one variable left after partial()', async () => {
      const prompt = await PromptTemplate.fromTemplate('{date} {news}').partial({ date: 'today' });
      expect((await prompt.invoke('rain')).value).toBe('today rain');
    });

    it('should merge partial() values over the earlier ones, leaving the original unchanged', async () => {
      const first = PromptTemplate.fromTemplate('{a}{b}{c}', { partialVariables: { a: 'A', b: 'B' } });
      const second = await first.partial({ b: 'b2', c: 'C' });
      expect(second.format({})).toBe('Ab2C');
      expect(first.inputVariables).toEqual(['c']);
      expect(second.inputVariables).toEqual([]);
      expect(first.partialVariables).toEqual({ a: 'A', b: 'B' });
    });

    it('should still require the variables no partial fills', () => {
      const prompt = PromptTemplate.fromTemplate('{a}{b}', { partialVariables: { a: 'A' } });
      expect(() => prompt.format({})).toThrow(MissingPromptVariableError);
    });

    it('should reject bad construction arguments with named errors that say the fix', () => {
      const bad = (make: () => unknown, pattern: RegExp) => {
        expect(make).toThrow(InvalidArgumentError);
        expect(make).toThrow(pattern);
      };
      bad(
        () => PromptTemplate.fromTemplate('{a}', { partialVariables: { a: 3 as unknown as string } }),
        /"a" must be a string or a function/,
      );
      bad(
        () => new PromptTemplate({ template: '{a}', inputVariable: ['a'] } as never),
        /no option "inputVariable".*Valid options/,
      );
      bad(() => new PromptTemplate({ template: '{a}', templateFormat: 'mustache' as 'f-string' }), /Only "f-string"/);
      bad(() => new PromptTemplate({ template: '{a}{b}', inputVariables: ['a'] }), /uses \{b\}.*Add them/);
    });
  });

  describe('run', () => {
    it('should wait for a partial function returning a Promise under invoke, stream and streamEvents', async () => {
      const prompt = PromptTemplate.fromTemplate('{when}: {what}', {
        partialVariables: { when: () => Promise.resolve('now') },
      });
      expect((await prompt.invoke({ what: 'x' })).value).toBe('now: x');
      const streamed: string[] = [];
      for await (const value of await prompt.stream({ what: 'y' })) streamed.push(value.value);
      expect(streamed).toEqual(['now: y']);
      const chain = prompt.pipe(new FakeListChatModel({ responses: ['ok'] })).pipe(new StringOutputParser());
      expect(await chain.invoke({ what: 'x' })).toBe('ok');
      const events = await eventsOf(chain, { what: 'x' });
      const end = events.find((e) => e.event === 'on_prompt_end');
      expect(end?.data.output).toEqual(expect.objectContaining({ value: 'now: x' }));
      expect(labels(events).slice(0, 3)).toEqual([
        'on_chain_start:RunnableSequence',
        'on_prompt_start:PromptTemplate',
        'on_prompt_end:PromptTemplate',
      ]);
    });

    it('should fail the run with the error of a partial function that rejects, with an error event', async () => {
      const failure = new Error('clock unavailable');
      const prompt = PromptTemplate.fromTemplate('{when}', {
        partialVariables: { when: () => Promise.reject(failure) },
      });
      await expect(prompt.invoke({})).rejects.toBe(failure);
      const events = await eventsOf(prompt, {}).catch((e: unknown) => e);
      expect(events).toBe(failure);
      const seen: string[] = [];
      await prompt
        .events$({})
        .forEach((e) => seen.push(e.event))
        .catch(() => undefined);
      expect(seen).toEqual(['on_prompt_start', 'on_prompt_error']);
    });

    it('should emit nothing after unsubscribing while a partial function is pending', async () => {
      const gate = new Subject<string>();
      const prompt = PromptTemplate.fromTemplate('{when}', { partialVariables: { when: () => firstValueFrom(gate) } });
      const next = jest.fn();
      const subscription = prompt.stream$({}).subscribe({ next });
      await Promise.resolve();
      subscription.unsubscribe();
      gate.next('late');
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(next).not.toHaveBeenCalled();
    });
  });

  describe('ChatPromptTemplate', () => {
    it('should take partialVariables in fromTemplate and fromMessages, and partial() on top', async () => {
      const one = ChatPromptTemplate.fromTemplate('{a} {b}', { partialVariables: { a: 'A' } });
      expect(one.inputVariables).toEqual(['b']);
      expect(one.format({ b: 'B' })).toBe('Human: A B');
      const many = ChatPromptTemplate.fromMessages(
        [
          ['system', 'You are {style}.'],
          ['human', '{q}'],
        ],
        { partialVariables: { style: () => 'terse' } },
      );
      const both = await many.partial({ q: 'Why?' });
      expect(both.inputVariables).toEqual([]);
      expect((await both.invoke({})).toChatMessages().map((m) => m.text)).toEqual(['You are terse.', 'Why?']);
    });

    it("should fill a nested PromptTemplate's partial variables inside a message template", () => {
      const inner = PromptTemplate.fromTemplate('{greeting}, {name}', { partialVariables: { greeting: 'Hello' } });
      const prompt = ChatPromptTemplate.fromMessages([new HumanMessagePromptTemplate({ prompt: inner })]);
      expect(prompt.inputVariables).toEqual(['name']);
      expect(prompt.formatMessages({ name: 'Ada' }).map((m) => m.text)).toEqual(['Hello, Ada']);
    });

    it('should reject declared inputVariables that no message uses, naming them', () => {
      const make = () => new ChatPromptTemplate({ promptMessages: [['human', '{a}']], inputVariables: ['a', 'zzz'] });
      expect(make).toThrow(InvalidArgumentError);
      expect(make).toThrow(/"zzz", which no message uses/);
    });
  });
});
