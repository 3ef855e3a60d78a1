import { AIMessage, BaseMessage, HumanMessage, SystemMessage, contentText, type ContentPart } from 'rxchain';

describe('BaseMessage', () => {
  describe('constructor', () => {
    it('should take the content as a string', () => {
      const message = new HumanMessage('Hello');
      expect(message.content).toBe('Hello');
      expect(message.additional_kwargs).toEqual({});
      expect(message.response_metadata).toEqual({});
      expect(message.name).toBeUndefined();
      expect(message.id).toBeUndefined();
    });

    it('should take the content as a list of parts', () => {
      const parts: ContentPart[] = [
        { type: 'text', text: 'Look: ' },
        { type: 'image_url', image_url: 'https://x/y.png' },
      ];
      const message = new HumanMessage(parts);
      expect(message.content).toBe(parts);
    });

    it('should take all fields as an object', () => {
      const message = new SystemMessage({
        content: 'Be brief.',
        name: 'rules',
        id: 'm-1',
        additional_kwargs: { a: 1 },
        response_metadata: { b: 2 },
      });
      expect(message).toMatchObject({
        content: 'Be brief.',
        name: 'rules',
        id: 'm-1',
        additional_kwargs: { a: 1 },
        response_metadata: { b: 2 },
      });
    });

    it('should make every message an instance of BaseMessage', () => {
      expect(new HumanMessage('a')).toBeInstanceOf(BaseMessage);
      expect(new SystemMessage('a')).toBeInstanceOf(BaseMessage);
      expect(new AIMessage('a')).toBeInstanceOf(BaseMessage);
    });
  });

  describe('getType', () => {
    it('should return the same role as type', () => {
      const message = new HumanMessage('a');
      expect(message.getType()).toBe('human');
      expect(message.getType()).toBe(message.type);
    });
  });

  describe('text', () => {
    it('should be the content when it is a string', () => {
      expect(new HumanMessage('plain').text).toBe('plain');
    });

    it('should join the text parts and skip the others', () => {
      const message = new HumanMessage([
        { type: 'text', text: 'a' },
        { type: 'image_url', image_url: 'https://x/y.png' },
        { type: 'text', text: 'b' },
      ]);
      expect(message.text).toBe('ab');
    });
  });

  describe('toJSON', () => {
    it('should give type and content only when nothing else is set', () => {
      expect(new HumanMessage('Hi').toJSON()).toEqual({ type: 'human', content: 'Hi' });
    });

    it('should include name, id and non-empty metadata', () => {
      const json = new HumanMessage({
        content: 'Hi',
        name: 'ann',
        id: 'm-1',
        additional_kwargs: { a: 1 },
        response_metadata: { b: 2 },
      }).toJSON();
      expect(json).toEqual({
        type: 'human',
        content: 'Hi',
        name: 'ann',
        id: 'm-1',
        additional_kwargs: { a: 1 },
        response_metadata: { b: 2 },
      });
    });

    it('should round-trip through JSON.stringify', () => {
      expect(JSON.parse(JSON.stringify(new SystemMessage('x')))).toEqual({ type: 'system', content: 'x' });
    });
  });
});

describe('contentText', () => {
  it('should return a string content as it is', () => {
    expect(contentText('abc')).toBe('abc');
  });

  it('should join text parts in order', () => {
    expect(
      contentText([
        { type: 'text', text: 'x' },
        { type: 'text', text: 'y' },
      ]),
    ).toBe('xy');
  });

  it('should skip non-text parts and text parts without a string text', () => {
    expect(contentText([{ type: 'image_url', image_url: 'u' }, { type: 'text', text: 42 } as ContentPart])).toBe('');
  });

  it('should return the empty string for no parts', () => {
    expect(contentText([])).toBe('');
  });
});
