import {
  AIMessage,
  AIMessagePromptTemplate,
  ChatMessage,
  ChatMessagePromptTemplate,
  ChatPromptTemplate,
  Document,
  HumanMessage,
  HumanMessagePromptTemplate,
  MessagesPlaceholder,
  MissingPromptVariableError,
  PromptTemplate,
  SystemMessage,
  SystemMessagePromptTemplate,
} from 'rxchain';

// Ported from langchain-core/src/prompts/tests/chat.test.ts (langchainjs 62fc484,
// @langchain/core 1.x). rxchain's prompts format synchronously, and a placeholder is
// formatted through a chat prompt. The declared-inputVariables and partial cases are in
// chatPrompt.partial.spec.ts. Not ported: the FunctionMessage and multi-part (image) cases.

const context = () => new PromptTemplate("Here's some context: {context}");
const fooBar = () => new PromptTemplate("Hello {foo}, I'm {bar}");

function createChatPromptTemplate() {
  return ChatPromptTemplate.fromMessages([
    new SystemMessagePromptTemplate(context()),
    new HumanMessagePromptTemplate(new PromptTemplate("Hello {foo}, I'm {bar}. Thanks for the {context}")),
    new AIMessagePromptTemplate(new PromptTemplate("I'm an AI. I'm {foo}. I'm {bar}.")),
    new ChatMessagePromptTemplate(new PromptTemplate("I'm a generic message. I'm {foo}. I'm {bar}."), 'test'),
  ]);
}

const placeholderOnly = (placeholder: MessagesPlaceholder) => ChatPromptTemplate.fromMessages([placeholder]);

describe('chat.test.ts', () => {
  it('Test format', () => {
    const messages = createChatPromptTemplate().formatPromptValue({
      context: 'This is a context',
      foo: 'Foo',
      bar: 'Bar',
      unused: 'extra',
    });
    expect(messages.toChatMessages()).toEqual([
      new SystemMessage("Here's some context: This is a context"),
      new HumanMessage("Hello Foo, I'm Bar. Thanks for the This is a context"),
      new AIMessage("I'm an AI. I'm Foo. I'm Bar."),
      new ChatMessage({ content: "I'm a generic message. I'm Foo. I'm Bar.", role: 'test' }),
    ]);
  });

  it('Test format with invalid input values', () => {
    const format = () => createChatPromptTemplate().formatPromptValue({ context: 'This is a context', foo: 'Foo' });
    // The class is the code (LangChain: lc_error_code INVALID_PROMPT_INPUT).
    expect(format).toThrow(MissingPromptVariableError);
    expect(format).toThrow(/bar/);
  });

  it('Test fromTemplate', () => {
    const chatPrompt = ChatPromptTemplate.fromTemplate("Hello {foo}, I'm {bar}");
    expect(chatPrompt.inputVariables).toEqual(['foo', 'bar']);
    expect(chatPrompt.formatPromptValue({ foo: 'Foo', bar: 'Bar' }).toChatMessages()).toEqual([
      new HumanMessage("Hello Foo, I'm Bar"),
    ]);
  });

  it('Test fromTemplate (non-string values are written as JSON)', async () => {
    const chatPrompt = ChatPromptTemplate.fromTemplate("Hello {foo}, I'm {bar}");
    const value = await chatPrompt.invoke({ foo: ['barbar'], bar: [new Document({ pageContent: 'bar' })] });
    expect(value.toChatMessages()).toEqual([
      new HumanMessage(`Hello ["barbar"], I'm [{"pageContent":"bar","metadata":{}}]`),
    ]);
  });

  it('Test fromMessages', () => {
    const chatPrompt = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(context()),
      new HumanMessagePromptTemplate(fooBar()),
    ]);
    expect(chatPrompt.inputVariables).toEqual(['context', 'foo', 'bar']);
    expect(
      chatPrompt.formatPromptValue({ context: 'This is a context', foo: 'Foo', bar: 'Bar' }).toChatMessages(),
    ).toEqual([new SystemMessage("Here's some context: This is a context"), new HumanMessage("Hello Foo, I'm Bar")]);
  });

  it('Test fromMessages with non-string inputs', () => {
    const chatPrompt = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(context()),
      new HumanMessagePromptTemplate(fooBar()),
    ]);
    const messages = chatPrompt.formatPromptValue({
      context: [new Document({ pageContent: 'bar' })],
      foo: 'Foo',
      bar: 'Bar',
    });
    expect(messages.toChatMessages()).toEqual([
      new SystemMessage(`Here's some context: [{"pageContent":"bar","metadata":{}}]`),
      new HumanMessage("Hello Foo, I'm Bar"),
    ]);
  });

  it('Test fromMessages with a variety of ways to declare prompt messages', () => {
    const chatPrompt = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(context()),
      // A bare string is not an entry here (it does not say its role): ['human', ...] is.
      ['human', "Hello {foo}, I'm {bar}"],
      ['assistant', 'Nice to meet you, {bar}!'],
      ['human', 'Thanks {foo}!!'],
    ]);
    expect(
      chatPrompt.formatPromptValue({ context: 'This is a context', foo: 'Foo', bar: 'Bar' }).toChatMessages(),
    ).toEqual([
      new SystemMessage("Here's some context: This is a context"),
      new HumanMessage("Hello Foo, I'm Bar"),
      new AIMessage('Nice to meet you, Bar!'),
      new HumanMessage('Thanks Foo!!'),
    ]);
  });

  it('Test fromMessages with an extra input variable', () => {
    const chatPrompt = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(context()),
      new HumanMessagePromptTemplate(fooBar()),
    ]);
    const messages = chatPrompt.formatPromptValue({
      context: 'This is a context',
      foo: 'Foo',
      bar: 'Bar',
      unused: 'No problemo!',
    });
    expect(messages.toChatMessages()).toEqual([
      new SystemMessage("Here's some context: This is a context"),
      new HumanMessage("Hello Foo, I'm Bar"),
    ]);
  });

  it('Test fromMessages is composable', () => {
    const inner = ChatPromptTemplate.fromMessages([
      new SystemMessagePromptTemplate(context()),
      new HumanMessagePromptTemplate(fooBar()),
    ]);
    const chatPrompt = ChatPromptTemplate.fromMessages([
      inner,
      AIMessagePromptTemplate.fromTemplate("I'm an AI. I'm {foo}. I'm {bar}."),
    ]);
    expect(chatPrompt.inputVariables).toEqual(['context', 'foo', 'bar']);
    expect(
      chatPrompt.formatPromptValue({ context: 'This is a context', foo: 'Foo', bar: 'Bar' }).toChatMessages(),
    ).toEqual([
      new SystemMessage("Here's some context: This is a context"),
      new HumanMessage("Hello Foo, I'm Bar"),
      new AIMessage("I'm an AI. I'm Foo. I'm Bar."),
    ]);
  });

  it('Test SimpleMessagePromptTemplate', () => {
    const prompt = placeholderOnly(new MessagesPlaceholder('foo'));
    expect(prompt.formatMessages({ foo: [new HumanMessage("Hello Foo, I'm Bar")] })).toEqual([
      new HumanMessage("Hello Foo, I'm Bar"),
    ]);
  });

  it('Test MessagesPlaceholder optional', () => {
    expect(placeholderOnly(new MessagesPlaceholder('foo', true)).formatMessages({})).toEqual([]);
  });

  it('Test MessagesPlaceholder optional in a chat prompt template', () => {
    const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('foo', true)]);
    expect(prompt.formatMessages({})).toEqual([]);
  });

  it('Test MessagesPlaceholder not optional', () => {
    expect(() => placeholderOnly(new MessagesPlaceholder('foo')).formatMessages({})).toThrow(
      MissingPromptVariableError,
    );
  });

  it('Test MessagesPlaceholder not optional with invalid input should throw', () => {
    const prompt = placeholderOnly(new MessagesPlaceholder('foo'));
    expect(() => prompt.formatMessages({ foo: [new Document({ pageContent: 'barbar', metadata: {} })] })).toThrow();
  });

  it('Test MessagesPlaceholder shorthand in a chat prompt template should throw for invalid syntax', () => {
    expect(() => ChatPromptTemplate.fromMessages([['placeholder', 'foo']])).toThrow();
  });

  it('Test MessagesPlaceholder shorthand in a chat prompt template', () => {
    const prompt = ChatPromptTemplate.fromMessages([['placeholder', '{foo}']]);
    expect(prompt.formatMessages({ foo: [new HumanMessage('Hi there!'), new AIMessage('how r u')] })).toEqual([
      new HumanMessage('Hi there!'),
      new AIMessage('how r u'),
    ]);
  });

  it('Test MessagesPlaceholder shorthand in a chat prompt template with object format', () => {
    const prompt = ChatPromptTemplate.fromMessages([['placeholder', '{foo}']]);
    const parts = [
      { type: 'text', text: 'page: 1\ndescription: One Purchase Flow\n' },
      { type: 'text', text: 'page: 3\ndescription: intent_str=buy\n' },
    ];
    const messages = prompt.formatMessages({
      foo: [
        { type: 'system', content: 'some initial content' },
        { type: 'human', content: parts },
        { type: 'assistant', content: 'some captivating response' },
      ],
    });
    expect(messages).toEqual([
      new SystemMessage('some initial content'),
      new HumanMessage({ content: parts }),
      new AIMessage('some captivating response'),
    ]);
  });

  it('Test MessagesPlaceholder with invalid shorthand should throw', () => {
    const prompt = ChatPromptTemplate.fromMessages([['placeholder', '{foo}']]);
    expect(() => prompt.formatMessages({ foo: [{ badFormatting: true }] })).toThrow();
  });

  it('Test BaseMessage', () => {
    const prompt = ChatPromptTemplate.fromMessages([
      new SystemMessage('You are a chatbot {mock_variable}'),
      AIMessagePromptTemplate.fromTemplate('{name} is my name.'),
    ]);
    expect(prompt.inputVariables).toEqual(['name']);
    expect(prompt.formatPromptValue({ name: 'Bob' }).toChatMessages()).toEqual([
      new SystemMessage('You are a chatbot {mock_variable}'),
      new AIMessage('Bob is my name.'),
    ]);
  });

  const historyPrompt = () =>
    ChatPromptTemplate.fromMessages([
      ['system', 'some string'],
      new MessagesPlaceholder('chatHistory'),
      ['human', '{question}'],
    ]);

  it('Throws if trying to pass non BaseMessage inputs to MessagesPlaceholder', () => {
    const format = () => historyPrompt().formatMessages({ chatHistory: 42, question: 'What is the meaning of life?' });
    expect(format).toThrow();
  });

  it('Does not throws if null or undefined is passed as input to MessagesPlaceholder', () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'some string'],
      new MessagesPlaceholder('chatHistory', true),
      new MessagesPlaceholder('chatHistory2', true),
      ['human', '{question}'],
    ]);
    const messages = prompt.formatMessages({
      chatHistory: null,
      chatHistory2: undefined,
      question: 'What is the meaning of life?',
    });
    expect(messages).toEqual([new SystemMessage('some string'), new HumanMessage('What is the meaning of life?')]);
    // By design: a required placeholder given null or undefined fails, naming the variable.
    expect(() => historyPrompt().formatMessages({ chatHistory: null, question: 'q' })).toThrow(
      MissingPromptVariableError,
    );
  });
});
