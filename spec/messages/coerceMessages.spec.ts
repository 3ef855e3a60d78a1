import {
  AIMessage,
  ChatPromptValue,
  HumanMessage,
  InvalidArgumentError,
  StringPromptValue,
  SystemMessage,
  coerceMessages,
  messageOfRole,
  type MessagesInput,
} from 'rxchain';

describe('messageOfRole', () => {
  it.each([
    ['human', HumanMessage],
    ['user', HumanMessage],
    ['ai', AIMessage],
    ['assistant', AIMessage],
    ['system', SystemMessage],
  ] as const)('should make a %s message of the right class', (role, type) => {
    const message = messageOfRole(role, 'text');
    expect(message).toBeInstanceOf(type);
    expect(message.content).toBe('text');
  });

  it('should reject an unknown role with the valid ones in the message', () => {
    const error = (() => {
      try {
        messageOfRole('robot', 'x');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('role');
    expect((error as Error).message).toMatch(/"robot"/);
    expect((error as Error).message).toMatch(/"human".*"ai".*"system"/);
  });
});

describe('coerceMessages', () => {
  it('should turn a string into one human message', () => {
    const messages = coerceMessages('Hi');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toBeInstanceOf(HumanMessage);
    expect(messages[0]?.text).toBe('Hi');
  });

  it('should take the messages of a prompt value', () => {
    const system = new SystemMessage('Be brief.');
    expect(coerceMessages(new ChatPromptValue([system]))).toEqual([system]);
    expect(coerceMessages(new StringPromptValue('x'))[0]).toBeInstanceOf(HumanMessage);
  });

  it('should mix message instances, tuples and role objects, keeping instances as they are', () => {
    const ai = new AIMessage('Hello');
    const messages = coerceMessages([
      ['system', 'Be brief.'],
      { role: 'user', content: 'Hi' },
      ai,
      ['assistant', 'Yes?'],
    ]);
    expect(messages.map((m) => m.type)).toEqual(['system', 'human', 'ai', 'ai']);
    expect(messages.map((m) => m.text)).toEqual(['Be brief.', 'Hi', 'Hello', 'Yes?']);
    expect(messages[2]).toBe(ai);
  });

  it('should return an empty list for an empty list', () => {
    expect(coerceMessages([])).toEqual([]);
  });

  it('should reject an unknown role in a tuple', () => {
    expect(() => coerceMessages([['robot', 'x']])).toThrow(InvalidArgumentError);
  });

  it.each([
    [{ content: 'x' }, /object without toChatMessages/],
    [null, /got null/],
    [undefined, /got undefined/],
    [42, /got number/],
  ])('should reject %p with an InvalidArgumentError that says what it takes', (input, got) => {
    let error: unknown;
    try {
      coerceMessages(input as unknown as MessagesInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('input');
    expect((error as Error).message).toMatch(/takes a string, a list of messages, or a prompt value/);
    expect((error as Error).message).toMatch(got);
  });
});
