import { z } from 'zod';
import { ChatOpenAICompatible, HumanMessage, ToolMessage, type BaseMessage, type ToolLike } from 'rxchain';
import { OpenAITestServer, type RecordedRequest } from '../../support/openaiServer';
import { textStream, toolCallStream } from '../../support/openaiStreams';

const getWeather: ToolLike = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  schema: z.object({ city: z.string().describe('The city name') }),
};

const getTime: ToolLike = {
  name: 'get_time',
  description: 'The local time in a time zone.',
  schema: z.object({ timezone: z.string() }),
};

/** Replies with tool calls to a user's question, and with text once tool results are in. */
function agentServerScript(request: RecordedRequest) {
  const messages = (request.body as { messages: { role: string }[] }).messages;
  if (messages[messages.length - 1]?.role === 'tool') return { sse: textStream(['It is 18°C', ' in Paris.']) };
  return {
    sse: toolCallStream([
      { id: 'call_1', name: 'get_weather', args: ['{"ci', 'ty":', ' "Par', 'is"}'] },
      { id: 'call_2', name: 'get_time', args: ['{"timezone"', ': "Europe/Paris"}'] },
    ]),
  };
}

describe('ChatOpenAICompatible tool calling over HTTP', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await OpenAITestServer.start();
  });

  afterAll(async () => {
    await server.close();
  });

  const model = (): ChatOpenAICompatible => new ChatOpenAICompatible({ baseURL: server.url, model: 'gpt-4o-mini' });

  it('should send bound tools, parse streamed calls, and send the tool results back', async () => {
    server.script(agentServerScript);
    const withTools = model().bindTools([getWeather, getTime], { toolChoice: 'auto' });
    const conversation: BaseMessage[] = [new HumanMessage('Weather and time in Paris?')];

    const reply = await withTools.invoke(conversation);
    expect(server.requests[0]?.body).toMatchObject({
      tool_choice: 'auto',
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'The current weather in a city.',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string', description: 'The city name' } },
              required: ['city'],
              additionalProperties: false,
            },
          },
        },
        {
          type: 'function',
          function: {
            name: 'get_time',
            description: 'The local time in a time zone.',
            parameters: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
          },
        },
      ],
    });
    expect(reply.tool_calls).toEqual([
      { name: 'get_weather', args: { city: 'Paris' }, id: 'call_1', type: 'tool_call' },
      { name: 'get_time', args: { timezone: 'Europe/Paris' }, id: 'call_2', type: 'tool_call' },
    ]);
    expect(reply.response_metadata['finish_reason']).toBe('tool_calls');

    conversation.push(
      reply,
      new ToolMessage({ content: '18°C and sunny', tool_call_id: 'call_1' }),
      new ToolMessage({ content: '14:05', tool_call_id: 'call_2' }),
    );
    const answer = await withTools.invoke(conversation);
    expect(answer.content).toBe('It is 18°C in Paris.');
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]?.body as Record<string, unknown>;
    expect(second['messages']).toEqual([
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
        ],
      },
      { role: 'tool', content: '18°C and sunny', tool_call_id: 'call_1' },
      { role: 'tool', content: '14:05', tool_call_id: 'call_2' },
    ]);
    expect((second['tools'] as unknown[]).length).toBe(2);
  });

  it('should stream each argument fragment as a tool-call chunk of its call', async () => {
    server.script(agentServerScript);
    const fragments: string[] = [];
    for await (const piece of await model().bindTools([getWeather, getTime]).stream('Weather in Paris?')) {
      for (const part of piece.tool_call_chunks) fragments.push(`${part.index}:${part.args ?? ''}`);
    }
    expect(fragments).toEqual([
      '0:',
      '0:{"ci',
      '0:ty":',
      '0: "Par',
      '0:is"}',
      '1:',
      '1:{"timezone"',
      '1:: "Europe/Paris"}',
    ]);
  });

  it('should force one tool by name, and send no tools when none are bound', async () => {
    server.script(agentServerScript);
    await model().bindTools([getWeather], { toolChoice: 'get_weather' }).invoke('Weather?');
    expect(server.lastBody()['tool_choice']).toEqual({ type: 'function', function: { name: 'get_weather' } });
    await model().invoke('Weather?');
    expect(server.lastBody()).not.toHaveProperty('tools');
    expect(server.lastBody()).not.toHaveProperty('tool_choice');
  });
});
