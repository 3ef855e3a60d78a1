import {
  AIMessagePromptTemplate,
  ChatPromptTemplate,
  ChatPromptValue,
  FewShotChatMessagePromptTemplate,
  HumanMessagePromptTemplate,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

describe('FewShotChatMessagePromptTemplate', () => {
  const examples = new FewShotChatMessagePromptTemplate({
    examples: [
      { input: '2+2', output: '4' },
      { input: '2+3', output: '5' },
    ],
    examplePrompt: ChatPromptTemplate.fromMessages([
      ['human', '{input}'],
      ['ai', '{output}'],
    ]),
  });

  it('should write every example as messages, in order', async () => {
    expect(examples.inputVariables).toEqual([]);
    const value = await examples.invoke({});
    expect(value).toBeInstanceOf(ChatPromptValue);
    expect(value.toString()).toBe('Human: 2+2\nAI: 4\nHuman: 2+3\nAI: 5');
  });

  it('should sit between messages of a chat prompt and reach the model', async () => {
    const prompt = ChatPromptTemplate.fromMessages([['system', 'You do sums.'], examples, ['human', '{input}']]);
    expect(prompt.inputVariables).toEqual(['input']);
    const model = new ScriptedChatModel({ responses: ['6'] });
    expect((await prompt.pipe(model).invoke({ input: '3+3' })).text).toBe('6');
    expect(model.calls[0]?.messages.map((m) => m.type)).toEqual(['system', 'human', 'ai', 'human', 'ai', 'human']);
  });

  it('should take message templates as the example prompt, and fail for an example without a variable', async () => {
    const withTemplates = new FewShotChatMessagePromptTemplate({
      examples: [{ q: 'hi', a: 'hello' }, { q: 'bye' }],
      examplePrompt: ChatPromptTemplate.fromMessages([
        HumanMessagePromptTemplate.fromTemplate('{q}'),
        AIMessagePromptTemplate.fromTemplate('{a}'),
      ]),
    });
    await expect(withTemplates.invoke({})).rejects.toMatchObject({
      name: 'MissingPromptVariableError',
      variableName: 'a',
    });
  });
});
