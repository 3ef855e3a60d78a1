import { AIMessage, AIMessageChunk, ChatPromptTemplate, filterMessages, HumanMessage, SystemMessage } from 'rxchain';

const messages = [
  new SystemMessage({ content: 'sys', id: '1' }),
  new HumanMessage({ content: 'hi', name: 'ann', id: '2' }),
  new AIMessageChunk({ content: 'hello', name: 'bot', id: '3' }),
  new HumanMessage({ content: 'again', name: 'bob', id: '4' }),
];
const texts = (list: { text: string }[]): string[] => list.map((m) => m.text);

describe('filterMessages', () => {
  it('should keep every message without filters', () => {
    expect(filterMessages(messages)).toEqual(messages);
  });

  it('should drop excluded names, types and ids', () => {
    expect(texts(filterMessages(messages, { excludeNames: ['ann'] }))).toEqual(['sys', 'hello', 'again']);
    expect(texts(filterMessages(messages, { excludeTypes: ['system', AIMessage] }))).toEqual(['hi', 'again']);
    expect(texts(filterMessages(messages, { excludeIds: ['4'] }))).toEqual(['sys', 'hi', 'hello']);
  });

  it('should keep only what an include matches, any of them', () => {
    expect(texts(filterMessages(messages, { includeTypes: [HumanMessage] }))).toEqual(['hi', 'again']);
    expect(texts(filterMessages(messages, { includeNames: ['bot'], includeIds: ['1'] }))).toEqual(['sys', 'hello']);
  });

  it('should let an exclude win over an include', () => {
    expect(texts(filterMessages(messages, { includeTypes: ['human'], excludeNames: ['bob'] }))).toEqual(['hi']);
  });

  it('should return the same message objects', () => {
    expect(filterMessages(messages, { includeIds: ['2'] })[0]).toBe(messages[1]);
  });

  it('should be a runnable when called without messages, taking a prompt value too', async () => {
    const chain = ChatPromptTemplate.fromMessages([
      ['system', 'rules'],
      ['human', '{q}'],
    ]).pipe(filterMessages({ excludeTypes: ['system'] }));
    expect(texts(await chain.invoke({ q: 'why?' }))).toEqual(['why?']);
    expect(filterMessages().getName()).toBe('RunnableLambda');
  });
});
