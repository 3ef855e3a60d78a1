import { Document, MissingPromptVariableError, PromptTemplate } from 'rxchain';

// Ported from langchain-core/src/prompts/tests/prompt.test.ts (langchainjs 62fc484,
// @langchain/core 1.x). rxchain's PromptTemplate formats synchronously and has no partial
// variables, so the partial cases and the fromTemplate<T> type-parameter case are not ported.

describe('prompt.test.ts', () => {
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
