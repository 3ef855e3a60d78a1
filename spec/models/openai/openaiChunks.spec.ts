import { chunkFromStreamPayload, usageFromOpenAI } from '../../../lib/models/openai/openaiChunks.js';

describe('usageFromOpenAI', () => {
  it('should map prompt/completion/total tokens to input/output/total', () => {
    expect(usageFromOpenAI({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 })).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      total_tokens: 7,
    });
  });

  it('should add the total up when a server leaves it out, and give nothing for no counts', () => {
    expect(usageFromOpenAI({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      total_tokens: 7,
    });
    expect(usageFromOpenAI(null)).toBeUndefined();
    expect(usageFromOpenAI({ other: 1 })).toBeUndefined();
  });
});

describe('chunkFromStreamPayload', () => {
  it('should give no chunk for the opening role delta', () => {
    expect(chunkFromStreamPayload({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })).toEqual({
      chunk: undefined,
      finished: false,
    });
  });

  it('should number tool calls without an index by their position', () => {
    const { chunk } = chunkFromStreamPayload({
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              { id: 'a', function: { name: 'f', arguments: '{}' } },
              { id: 'b', function: { name: 'g', arguments: '{}' } },
            ],
          },
        },
      ],
    });
    expect(chunk?.tool_call_chunks.map((c) => [c.id, c.index])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('should say when a choice finished, with the model name', () => {
    const { chunk, finished } = chunkFromStreamPayload({
      model: 'm',
      choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
    });
    expect(finished).toBe(true);
    expect(chunk?.response_metadata).toEqual({ finish_reason: 'length', model_name: 'm' });
  });
});
