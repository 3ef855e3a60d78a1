import { ChatPromptTemplate, HumanMessage, MessagesPlaceholder, MissingPromptVariableError } from 'rxchain';

describe('MessagesPlaceholder', () => {
  it('should be required by default', () => {
    const placeholder = new MessagesPlaceholder('history');
    expect(placeholder.variableName).toBe('history');
    expect(placeholder.optional).toBe(false);
  });

  it('should be optional when asked', () => {
    expect(new MessagesPlaceholder('history', true).optional).toBe(true);
  });

  describe('in a ChatPromptTemplate', () => {
    it('should insert the messages of its variable', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history'), ['human', '{question}']]);
      const value = await prompt.invoke({ history: [new HumanMessage('Hi'), ['ai', 'Hello']], question: 'And?' });
      expect(value.messages.map((m) => [m.type, m.text])).toEqual([
        ['human', 'Hi'],
        ['ai', 'Hello'],
        ['human', 'And?'],
      ]);
    });

    it('should reject a missing required variable', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history')]);
      await expect(prompt.invoke({})).rejects.toThrow(MissingPromptVariableError);
    });

    it('should add nothing for a missing optional variable', async () => {
      const prompt = ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history', true), ['human', 'x']]);
      expect((await prompt.invoke({})).messages).toHaveLength(1);
    });
  });
});
