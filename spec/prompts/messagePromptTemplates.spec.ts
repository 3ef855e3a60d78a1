import {
  AIMessage,
  AIMessagePromptTemplate,
  BaseMessageStringPromptTemplate,
  ChatMessage,
  ChatMessagePromptTemplate,
  ChatPromptTemplate,
  HumanMessage,
  HumanMessagePromptTemplate,
  MessagesPlaceholder,
  PromptTemplate,
  SystemMessage,
  SystemMessagePromptTemplate,
} from 'rxchain';
import { eventsOf } from '../support/streamEvents';

describe('message prompt templates', () => {
  it('should make one message of their class from a template', () => {
    const human = HumanMessagePromptTemplate.fromTemplate('Hi {name}');
    const ai = AIMessagePromptTemplate.fromTemplate('Hello {name}');
    const system = SystemMessagePromptTemplate.fromTemplate(PromptTemplate.fromTemplate('Speak {language}'));
    const critic = ChatMessagePromptTemplate.fromTemplate('Rate {item}', 'critic');
    expect(human.format({ name: 'Ada' })).toEqual(new HumanMessage('Hi Ada'));
    expect(ai.format({ name: 'Ada' })).toEqual(new AIMessage({ content: 'Hello Ada' }));
    expect(system.formatMessages({ language: 'French' })).toEqual([new SystemMessage('Speak French')]);
    expect(critic.format({ item: 'soup' })).toEqual(new ChatMessage('Rate soup', 'critic'));
    expect([human, ai, system, critic].every((t) => t instanceof BaseMessageStringPromptTemplate)).toBe(true);
    expect(critic.inputVariables).toEqual(['item']);
  });

  it('should run as a prompt step returning its message', async () => {
    const human = HumanMessagePromptTemplate.fromTemplate('Hi {name}');
    expect(await human.invoke({ name: 'Bo' })).toEqual([new HumanMessage('Hi Bo')]);
    expect(await human.invoke('Cy')).toEqual([new HumanMessage('Hi Cy')]);
    const events = await eventsOf(human, { name: 'Bo' } as never);
    expect(events.map((e) => `${e.event}:${e.name}`)).toEqual([
      'on_prompt_start:HumanMessagePromptTemplate',
      'on_prompt_end:HumanMessagePromptTemplate',
    ]);
  });

  it('should fail on the error channel when a variable is missing', async () => {
    await expect(SystemMessagePromptTemplate.fromTemplate('{a}{b}').invoke({ a: 1 })).rejects.toMatchObject({
      name: 'MissingPromptVariableError',
      variableName: 'b',
    });
  });

  describe('in ChatPromptTemplate.fromMessages', () => {
    it('should take message templates, tuples, placeholders and nested chat prompts together', async () => {
      const nested = ChatPromptTemplate.fromMessages([['ai', 'Noted: {topic}']]);
      const prompt = ChatPromptTemplate.fromMessages([
        SystemMessagePromptTemplate.fromTemplate('You know {topic}.'),
        new MessagesPlaceholder('history'),
        nested,
        ChatMessagePromptTemplate.fromTemplate('{note}', 'editor'),
        HumanMessagePromptTemplate.fromTemplate('{question}'),
      ]);
      expect(prompt.inputVariables).toEqual(['topic', 'history', 'note', 'question']);
      const value = await prompt.invoke({
        topic: 'owls',
        history: [new HumanMessage('earlier')],
        note: 'be kind',
        question: 'Why hoot?',
      });
      expect(value.toString()).toBe(
        'System: You know owls.\nHuman: earlier\nAI: Noted: owls\neditor: be kind\nHuman: Why hoot?',
      );
    });
  });
});
