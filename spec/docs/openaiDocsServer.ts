import type { RecordedRequest, Reply } from '../support/openaiServer';
import { completion, errorBody, textStream, toolCallStream } from '../support/openaiStreams';

/**
 * The replies of the local OpenAI-compatible server the docs' code blocks and TSDoc
 * examples run against (their `process.env.OPENAI_BASE_URL`). Replies depend on the
 * request, not on the order of the blocks.
 */

const GREETING = ['Hello!', ' How', ' can', ' I', ' help', ' you', ' today?'];
const JOKE = [
  'Why',
  ' did',
  ' the',
  ' parrot',
  ' sit',
  ' on',
  ' the',
  ' stick?',
  ' To',
  ' be',
  ' a',
  ' polly-stick-al',
  ' observer!',
];

interface ChatBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  messages?: { role: string; content: unknown }[];
}

/** The reply to one request of the docs. */
export function docsReply(request: RecordedRequest): Reply {
  if (request.headers['authorization'] === 'Bearer wrong-key') {
    return {
      status: 401,
      json: errorBody('Incorrect API key provided: wrong-key.', 'invalid_request_error', 'invalid_api_key'),
    };
  }
  if (request.path.endsWith('/embeddings')) {
    const input = (request.body as { input: string[] }).input;
    const data = input.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: [text.length, (text.match(/[aeiou]/g) ?? []).length, 1],
    }));
    return { json: { object: 'list', model: 'docs-embed', data, usage: { prompt_tokens: 2, total_tokens: 2 } } };
  }
  const body = request.body as ChatBody;
  const messages = body.messages ?? [];
  const last = messages[messages.length - 1];
  if (body.model === 'slow-model') return { sse: textStream(GREETING), interval: 60_000 };
  if (body.stream === false) return { json: completion({ content: GREETING.join('') }, { usage: [12, 9] }) };
  if (last?.role === 'tool') return { sse: textStream(['It is 18°C', ' and sunny', ' in Paris.']) };
  if (body.tools !== undefined && last?.role === 'user') {
    return { sse: toolCallStream([{ id: 'call_1', name: 'get_weather', args: ['{"city"', ': "Paris"}'] }]) };
  }
  const asked = typeof last?.content === 'string' ? last.content : '';
  return { sse: textStream(asked.includes('joke') ? JOKE : GREETING, { usage: [12, 9] }) };
}
