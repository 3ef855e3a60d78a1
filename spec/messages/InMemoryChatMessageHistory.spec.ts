import { AIMessage, BaseChatMessageHistory, HumanMessage, InMemoryChatMessageHistory } from 'rxchain';

describe('InMemoryChatMessageHistory', () => {
  it('should be a BaseChatMessageHistory starting from the given messages', async () => {
    const history = new InMemoryChatMessageHistory([new HumanMessage('a')]);
    expect(history).toBeInstanceOf(BaseChatMessageHistory);
    expect((await history.getMessages()).map((m) => m.text)).toEqual(['a']);
  });

  it('should append messages, user and AI texts in order', async () => {
    const history = new InMemoryChatMessageHistory();
    await history.addUserMessage('hi');
    await history.addAIMessage('hello');
    await history.addAIChatMessage('again');
    await history.addMessages([new HumanMessage('x'), new AIMessage('y')]);
    await history.addMessage(new HumanMessage('z'));
    expect((await history.getMessages()).map((m) => `${m.type}:${m.text}`)).toEqual([
      'human:hi',
      'ai:hello',
      'ai:again',
      'human:x',
      'ai:y',
      'human:z',
    ]);
  });

  it('should hand out copies of its list', async () => {
    const given = [new HumanMessage('a')];
    const history = new InMemoryChatMessageHistory(given);
    given.push(new HumanMessage('b'));
    (await history.getMessages()).push(new HumanMessage('c'));
    expect(await history.getMessages()).toHaveLength(1);
  });

  it('should forget everything on clear', async () => {
    const history = new InMemoryChatMessageHistory([new HumanMessage('a')]);
    await history.clear();
    expect(await history.getMessages()).toEqual([]);
  });
});
