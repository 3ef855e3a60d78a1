import { ApiCallError, InvalidArgumentError, OpenAICompatibleEmbeddings, ProviderResponseError } from 'rxchain';
import { OpenAITestServer, type RecordedRequest } from '../../support/openaiServer';
import { errorBody } from '../../support/openaiStreams';

/** Embeds each text as [length, first char code], answering in reverse order to test re-ordering. */
function embeddingScript(request: RecordedRequest) {
  const input = (request.body as { input: string[] }).input;
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: [text.length, text.charCodeAt(0)],
  }));
  return {
    json: { object: 'list', model: 'test-embed', data: data.reverse(), usage: { prompt_tokens: 3, total_tokens: 3 } },
  };
}

describe('OpenAICompatibleEmbeddings', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const embeddings = (options: Partial<ConstructorParameters<typeof OpenAICompatibleEmbeddings>[0]> = {}) =>
    new OpenAICompatibleEmbeddings({ baseURL: server.url, apiKey: 'sk-embed', model: 'test-embed', ...options });

  it('should POST texts to /embeddings and return the vectors in the order of the texts', async () => {
    server.script(embeddingScript);
    const vectors = await embeddings({ dimensions: 2 }).embedDocuments(['a', 'bb', 'ccc']);
    expect(vectors).toEqual([
      [1, 97],
      [2, 98],
      [3, 99],
    ]);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.headers['authorization']).toBe('Bearer sk-embed');
    expect(request?.body).toEqual({ model: 'test-embed', input: ['a', 'bb', 'ccc'], dimensions: 2 });
  });

  it('should send batches of batchSize, one after another', async () => {
    server.script(embeddingScript);
    const vectors = await embeddings({ batchSize: 2 }).embedDocuments(['a', 'b', 'c', 'd', 'e']);
    expect(vectors.map((v) => v[1])).toEqual([97, 98, 99, 100, 101]);
    expect(server.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('should embed a query as one text, and send nothing for no texts', async () => {
    server.script(embeddingScript);
    expect(await embeddings().embedQuery('hello')).toEqual([5, 104]);
    expect(await embeddings().embedDocuments([])).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('should raise an ApiCallError for an error status', async () => {
    server.script([{ status: 401, json: errorBody('Incorrect API key provided: sk-embed') }]);
    const error = await embeddings()
      .embedQuery('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 401, isRetryable: false, url: `${server.url}/embeddings` });
    expect((error as Error).message).not.toContain('sk-embed');
    server.script([{ status: 503, text: 'overloaded' }]);
    expect(
      await embeddings()
        .embedQuery('x')
        .catch((e: unknown) => e),
    ).toMatchObject({ status: 503, isRetryable: true });
  });

  it('should raise a ProviderResponseError for an answer that is not a list of embeddings', async () => {
    server.script([{ json: { data: [{ index: 0, embedding: [1] }] } }]);
    const tooFew = await embeddings()
      .embedDocuments(['a', 'b'])
      .catch((e: unknown) => e);
    expect(tooFew).toBeInstanceOf(ProviderResponseError);
    expect((tooFew as Error).message).toContain('expected "data" with 2 embedding(s)');
    server.script([{ json: { data: [{ index: 0, embedding: 'AAAA' }] } }]);
    expect(
      await embeddings()
        .embedQuery('a')
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ProviderResponseError);
    server.script([
      {
        json: {
          data: [
            { index: 0, embedding: [1] },
            { index: 0, embedding: [2] },
          ],
        },
      },
    ]);
    expect(
      (
        (await embeddings()
          .embedDocuments(['a', 'b'])
          .catch((e: unknown) => e)) as Error
      ).message,
    ).toContain('same index');
    server.script([{ text: 'not json' }]);
    expect(
      await embeddings()
        .embedQuery('a')
        .catch((e: unknown) => e),
    ).toMatchObject({ line: 'not json' });
  });

  it('should abort the request in flight when the signal aborts', async () => {
    server.script([
      {
        ...embeddingScript({ index: 0, method: 'POST', path: '', headers: {}, body: { input: ['a'] } }),
        delay: 60_000,
      },
    ]);
    const controller = new AbortController();
    const pending = embeddings()
      .embedQuery('a', { signal: controller.signal })
      .catch((e: unknown) => e);
    await server.received(1);
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    const record = server.responses[0];
    await record?.done;
    expect(record?.closedByClient).toBe(true);
  });

  it('should reject a missing model or a bad batch size', () => {
    expect(() => new OpenAICompatibleEmbeddings({ model: '' })).toThrow(InvalidArgumentError);
    expect(() => new OpenAICompatibleEmbeddings({ model: 'm', batchSize: 0 })).toThrow(
      /batchSize must be a positive integer/,
    );
  });
});
