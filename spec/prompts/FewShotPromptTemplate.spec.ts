import { FewShotPromptTemplate, PromptTemplate, StringPromptValue } from 'rxchain';
import { FakeLLM } from 'rxchain/testing';

describe('FewShotPromptTemplate', () => {
  const prompt = new FewShotPromptTemplate({
    examples: [
      { word: 'happy', antonym: 'sad' },
      { word: '{tall}', antonym: 'short' },
    ],
    examplePrompt: PromptTemplate.fromTemplate('Word: {word}\nAntonym: {antonym}'),
    prefix: 'Give the antonym of every {kind}.',
    suffix: 'Word: {input}\nAntonym:',
  });

  it('should join the prefix, the written examples and the suffix with a blank line', async () => {
    expect(prompt.inputVariables).toEqual(['kind', 'input']);
    const value = await prompt.invoke({ kind: 'word', input: 'big' });
    expect(value).toBeInstanceOf(StringPromptValue);
    expect(value.toString()).toBe(
      'Give the antonym of every word.\n\nWord: happy\nAntonym: sad\n\nWord: {tall}\nAntonym: short\n\nWord: big\nAntonym:',
    );
  });

  it('should leave out an empty prefix or suffix, and use the given separator and variables', () => {
    const bare = new FewShotPromptTemplate({
      examples: [{ q: 'a' }, { q: 'b' }],
      examplePrompt: PromptTemplate.fromTemplate('- {q}'),
      exampleSeparator: '\n',
      inputVariables: ['unused'],
    });
    expect(bare.format({})).toBe('- a\n- b');
    expect(bare.inputVariables).toEqual(['unused']);
  });

  it('should feed a text model and fail on the error channel for a missing variable', async () => {
    expect(await prompt.pipe(new FakeLLM({ response: 'small' })).invoke({ kind: 'w', input: 'big' })).toBe('small');
    await expect(prompt.invoke({ kind: 'w' })).rejects.toMatchObject({
      name: 'MissingPromptVariableError',
      variableName: 'input',
    });
  });
});
