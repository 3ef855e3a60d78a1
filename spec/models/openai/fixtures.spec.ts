import { ApiCallError, ChatOpenAICompatible, type AIMessageChunk } from 'rxchain';
import { OpenAITestServer, type Pieces } from '../../support/openaiServer';
import { fixture } from '../../support/openaiStreams';

/**
 * The recorded fixtures under spec/fixtures/openai, served over HTTP cut in several ways:
 * the same bytes must give the same reply however they arrive.
 */

const text = fixture('text-reply');
const toolCalls = fixture('parallel-tool-calls');
const errorStream = fixture('error-in-stream');

/** Byte offsets inside the first multi-byte character of `bytes` (after its first byte). */
function insideCharacters(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  bytes.forEach((byte, at) => {
    // Continuation bytes are 10xxxxxx: cutting before one splits a character.
    if ((byte & 0xc0) === 0x80) offsets.push(at);
  });
  return offsets;
}

const ways: readonly (readonly [string, (bytes: Uint8Array) => Pieces])[] = [
  ['in one write', () => 'whole'],
  ['one frame per write', () => 'frames'],
  ['one byte per write', () => ({ every: 1 })],
  ['7 bytes per write', () => ({ every: 7 })],
  ['64 bytes per write', () => ({ every: 64 })],
  ['cut inside every multi-byte character', (bytes) => ({ at: insideCharacters(bytes) })],
];

describe('ChatOpenAICompatible on recorded streams', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (): ChatOpenAICompatible => new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini' });

  const replay = async (bytes: Uint8Array, pieces: Pieces): Promise<{ chunks: AIMessageChunk[]; error: unknown }> => {
    server.script([{ sse: bytes, pieces }]);
    const chunks: AIMessageChunk[] = [];
    const error = await new Promise<unknown>((resolve) => {
      model()
        .stream$('Hi')
        .subscribe({ next: (c) => chunks.push(c), error: resolve, complete: () => resolve(undefined) });
    });
    return { chunks, error };
  };

  it('should have multi-byte characters to cut inside of', () => {
    expect(insideCharacters(text).length).toBeGreaterThanOrEqual(4);
  });

  describe.each(ways)('%s', (_name, cutOf) => {
    it('should replay a text reply with its usage chunk', async () => {
      const { chunks, error } = await replay(text, cutOf(text));
      expect(error).toBeUndefined();
      expect(chunks.map((c) => c.content)).toEqual(['Hello', '! Ça', ' va', ' 👋', '']);
      const reply = chunks.reduce((sum, c) => sum.concat(c));
      expect(reply.content).toBe('Hello! Ça va 👋');
      expect(reply.id).toBe('chatcmpl-AXtext01');
      expect(reply.usage_metadata).toEqual({ input_tokens: 12, output_tokens: 6, total_tokens: 18 });
      expect(reply.response_metadata).toEqual({
        finish_reason: 'stop',
        model_name: 'gpt-4o-mini-2024-07-18',
        system_fingerprint: 'fp_0ba0d124f1',
      });
    });

    it('should replay two parallel tool calls whose arguments arrive in fragments', async () => {
      const { chunks, error } = await replay(toolCalls, cutOf(toolCalls));
      expect(error).toBeUndefined();
      const reply = chunks.reduce((sum, c) => sum.concat(c));
      expect(reply.content).toBe('');
      expect(reply.tool_call_chunks).toEqual([
        { name: 'get_weather', args: '{"city": "Paris"}', id: 'call_paris', index: 0, type: 'tool_call_chunk' },
        { name: 'get_time', args: '{"timezone": "Asia/Tokyo"}', id: 'call_tokyo', index: 1, type: 'tool_call_chunk' },
      ]);
      expect(reply.tool_calls).toEqual([
        { name: 'get_weather', args: { city: 'Paris' }, id: 'call_paris', type: 'tool_call' },
        { name: 'get_time', args: { timezone: 'Asia/Tokyo' }, id: 'call_tokyo', type: 'tool_call' },
      ]);
      expect(reply.response_metadata['finish_reason']).toBe('tool_calls');
      expect(reply.usage_metadata).toEqual({ input_tokens: 80, output_tokens: 41, total_tokens: 121 });
      // Each fragment streams as its own chunk, tied to its call by index.
      expect(chunks[1]?.tool_call_chunks).toEqual([{ index: 0, args: '{"ci', type: 'tool_call_chunk' }]);
    });

    it('should replay an error object after the chunks before it', async () => {
      const { chunks, error } = await replay(errorStream, cutOf(errorStream));
      expect(chunks.map((c) => c.content)).toEqual(['Partial', ' answer']);
      expect(chunks.every((c) => c.response_metadata['finish_reason'] === undefined)).toBe(true);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({ status: 200, isRetryable: true });
      expect((error as Error).message).toContain('The server had an error while processing your request.');
    });
  });
});
