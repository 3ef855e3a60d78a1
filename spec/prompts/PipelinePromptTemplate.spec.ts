import { ChatPromptTemplate, MessagesPlaceholder, PipelinePromptTemplate, PromptTemplate } from 'rxchain';

describe('PipelinePromptTemplate', () => {
  it('should feed each prompt the results before it, and the final prompt all of them', async () => {
    const prompt = new PipelinePromptTemplate({
      pipelinePrompts: [
        { name: 'intro', prompt: PromptTemplate.fromTemplate('You are {person}.') },
        { name: 'example', prompt: PromptTemplate.fromTemplate('{intro} Example: {q}') },
      ],
      finalPrompt: PromptTemplate.fromTemplate('{intro}\n{example}\nNow: {q}'),
    });
    expect(prompt.inputVariables).toEqual(['person', 'q']);
    expect((await prompt.invoke({ person: 'Ada', q: 'why?' })).toString()).toBe(
      'You are Ada.\nYou are Ada. Example: why?\nNow: why?',
    );
  });

  it("should pass a chat prompt's messages and return the final chat prompt's value", async () => {
    const prompt = new PipelinePromptTemplate({
      pipelinePrompts: [{ name: 'history', prompt: ChatPromptTemplate.fromMessages([['human', '{first}']]) }],
      finalPrompt: ChatPromptTemplate.fromMessages([new MessagesPlaceholder('history'), ['human', '{second}']]),
    });
    const value = await prompt.invoke({ first: 'a', second: 'b' });
    expect(value.toString()).toBe('Human: a\nHuman: b');
    expect(prompt.runType).toBe('prompt');
  });

  it('should fail on the error channel for a missing variable', async () => {
    const prompt = new PipelinePromptTemplate({
      pipelinePrompts: [{ name: 'x', prompt: PromptTemplate.fromTemplate('{y}') }],
      finalPrompt: PromptTemplate.fromTemplate('{x}'),
    });
    await expect(prompt.invoke({})).rejects.toMatchObject({ name: 'MissingPromptVariableError', variableName: 'y' });
  });
});
