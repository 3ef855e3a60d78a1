import {
  AIMessage,
  AIMessagePromptTemplate,
  ChatPromptTemplate,
  HumanMessage,
  HumanMessagePromptTemplate,
  InvalidArgumentError,
  PromptTemplate,
  SystemMessage,
  SystemMessagePromptTemplate,
} from 'rxchain';

// Ported from langchain-core/src/prompts/tests/chat.test.ts (langchainjs 62fc484): the cases
// with declared inputVariables and partial variables (the others are in chatPrompt.spec.ts).

const systemPrompt = () =>
  new PromptTemplate({ template: "Here's some context: {context}", inputVariables: ['context'] });
const userPrompt = () => new PromptTemplate({ template: "Hello {foo}, I'm {bar}", inputVariables: ['foo', 'bar'] });

describe('chat.test.ts (declared and partial variables)', () => {
  it('Test format with invalid input variables', () => {
    const promptMessages = [
      new SystemMessagePromptTemplate(systemPrompt()),
      new HumanMessagePromptTemplate(userPrompt()),
    ];
    // rxchain's messages say what to do in its own words; the variables named are LangChain's.
    expect(() => new ChatPromptTemplate({ promptMessages, inputVariables: ['context', 'foo', 'bar', 'baz'] })).toThrow(
      /inputVariables lists "baz", which no message uses/,
    );
    expect(() => new ChatPromptTemplate({ promptMessages, inputVariables: ['context', 'foo'] })).toThrow(
      /The template uses \{bar\}, which inputVariables does not list/,
    );
    expect(() => new ChatPromptTemplate({ promptMessages, inputVariables: ['context', 'foo'] })).toThrow(
      InvalidArgumentError,
    );
  });

  it('Test fromMessages is composable with partial vars', async () => {
    const chatPromptInner = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(systemPrompt()),
      new HumanMessagePromptTemplate(userPrompt()),
    ]);
    const chatPrompt = ChatPromptTemplate.fromMessages([
      await chatPromptInner.partial({ context: 'This is a context', foo: 'Foo' }),
      AIMessagePromptTemplate.fromTemplate("I'm an AI. I'm {foo}. I'm {bar}."),
    ]);
    expect(chatPrompt.inputVariables).toEqual(['bar']);
    const messages = chatPrompt.formatPromptValue({ bar: 'Bar' });
    expect(messages.toChatMessages()).toEqual([
      new SystemMessage("Here's some context: This is a context"),
      new HumanMessage("Hello Foo, I'm Bar"),
      new AIMessage("I'm an AI. I'm Foo. I'm Bar."),
    ]);
  });

  it('Test using partial', async () => {
    const prompt = new ChatPromptTemplate({
      promptMessages: [
        new HumanMessagePromptTemplate(new PromptTemplate({ template: '{foo}{bar}', inputVariables: ['foo', 'bar'] })),
      ],
      inputVariables: ['foo', 'bar'],
    });
    const partialPrompt = await prompt.partial({ foo: 'foo' });
    // original prompt is not modified
    expect(prompt.inputVariables).toEqual(['foo', 'bar']);
    // partial prompt has only remaining variables
    expect(partialPrompt.inputVariables).toEqual(['bar']);
    expect(partialPrompt.format({ bar: 'baz' })).toBe('Human: foobaz');
  });
});
