import { Document, InvalidArgumentError, MissingPromptVariableError, PromptTemplate } from 'rxchain';

// Ported from langchain-core/src/prompts/tests/prompt.test.ts (langchainjs 62fc484,
// @langchain/core 1.x). rxchain's PromptTemplate formats synchronously (a partial function
// returning a Promise is awaited by invoke and stream). Not ported: the fromTemplate<T>
// type-parameter case (rxchain's prompts take their variables from the text, untyped).

describe('prompt.test.ts', () => {
  it('Test using partial', () => {
    const prompt = new PromptTemplate({
      template: '{foo}{bar}',
      inputVariables: ['foo'],
      partialVariables: { bar: 'baz' },
    });
    expect(prompt.format({ foo: 'foo' })).toBe('foobaz');
  });

  it('Test using partial with an extra variable', () => {
    const prompt = new PromptTemplate({
      template: '{foo}{bar}',
      inputVariables: ['foo'],
      partialVariables: { bar: 'baz' },
    });
    expect(prompt.format({ foo: 'foo', unused: 'nada' })).toBe('foobaz');
  });

  it('Test using full partial', async () => {
    const prompt = new PromptTemplate({
      template: '{foo}{bar}',
      inputVariables: [],
      partialVariables: { bar: 'baz', foo: 'boo' },
    });
    expect(prompt.format({})).toBe('boobaz');
    expect((await prompt.invoke({})).value).toBe('boobaz');
  });

  it('Test partial', async () => {
    const prompt = new PromptTemplate({ template: '{foo}{bar}', inputVariables: ['foo', 'bar'] });
    expect(prompt.inputVariables).toEqual(['foo', 'bar']);
    const partialPrompt = await prompt.partial({ foo: 'foo' });
    // original prompt is not modified
    expect(prompt.inputVariables).toEqual(['foo', 'bar']);
    // partial prompt has only remaining variables
    expect(partialPrompt.inputVariables).toEqual(['bar']);
    expect(partialPrompt.format({ bar: 'baz' })).toBe('foobaz');
  });

  it('Test partial with function', async () => {
    const prompt = new PromptTemplate({ template: '{foo}{bar}', inputVariables: ['foo', 'bar'] });
    const partialPrompt = await prompt.partial({ foo: () => Promise.resolve('boo') });
    // By design: format is synchronous, so it says to run the template instead of waiting.
    expect(() => partialPrompt.format({ bar: 'baz' })).toThrow(InvalidArgumentError);
    expect(() => partialPrompt.format({ bar: 'baz' })).toThrow(/returned a Promise.*invoke\(\)/);
    expect((await partialPrompt.invoke({ bar: 'baz' })).value).toBe('boobaz');
    expect(await (await prompt.partial({ foo: () => 'boo' })).format({ bar: 'baz' })).toBe('boobaz');
  });

  it('Test fromTemplate', async () => {
    const prompt = PromptTemplate.fromTemplate('{foo}{bar}');
    expect((await prompt.invoke({ foo: 'foo', bar: 'baz', unused: 'eee' })).value).toBe('foobaz');
  });

  it('Test fromTemplate with a non-string value', async () => {
    const prompt = PromptTemplate.fromTemplate('{foo}{bar}');
    const value = await prompt.invoke({ foo: ['barbar'], bar: [new Document({ pageContent: 'bar' })] });
    expect(value.value).toBe(`["barbar"][{"pageContent":"bar","metadata":{}}]`);
  });

  it('Test fromTemplate with escaped strings', () => {
    expect(PromptTemplate.fromTemplate('{{foo}}{{bar}}').format({ unused: 'eee' })).toBe('{foo}{bar}');
  });

  it('Test fromTemplate with missing variable should raise compiler error', async () => {
    const prompt = PromptTemplate.fromTemplate('{foo}');
    expect(() => prompt.format({ unused: 'eee' })).toThrow(MissingPromptVariableError);
    await expect(prompt.invoke({ unused: 'eee' })).rejects.toThrow(MissingPromptVariableError);
  });

  it('Test fromTemplate with extra variable should work', async () => {
    const prompt = PromptTemplate.fromTemplate('{foo}');
    expect(prompt.format({ foo: 'test', unused: 'eee' })).toBe('test');
    expect((await prompt.invoke({ foo: 'test', unused: 'eee' })).value).toBe('test');
  });
});
