import { ChatPromptTemplate, StringOutputParser, type StreamEvent } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

describe('default run names', () => {
  const chain = () =>
    ChatPromptTemplate.fromTemplate('Tell me about {topic}')
      .pipe(new ScriptedChatModel({ responses: ['Hello world!'], name: 'model' }))
      .pipe(new StringOutputParser());

  it('should name the string parser StrOutputParser, as LangChain does', () => {
    expect(new StringOutputParser().getName()).toBe('StrOutputParser');
  });

  it('should yield the parser events for includeNames: ["StrOutputParser"] copied from a LangChain app', async () => {
    const events: StreamEvent[] = [];
    for await (const event of chain().streamEvents(
      { topic: 'cats' },
      { version: 'v2' },
      { includeNames: ['StrOutputParser'] },
    )) {
      events.push(event);
    }
    expect(events.map((e) => `${e.event}:${e.name}`)).toEqual([
      'on_parser_start:StrOutputParser',
      'on_parser_stream:StrOutputParser',
      'on_parser_stream:StrOutputParser',
      'on_parser_end:StrOutputParser',
    ]);
    expect(events.at(-1)?.data.output).toBe('Hello world!');
  });

  it('should still let runName override the default name', () => {
    expect(new StringOutputParser().withConfig({ runName: 'text' }).getName()).toBe('text');
  });
});
