import { Document } from 'rxchain';

describe('Document', () => {
  it('should keep the text, the metadata and the id', () => {
    const doc = new Document({
      pageContent: 'harrison worked at kensho',
      metadata: { source: 'wiki', page: 3 },
      id: 'd1',
    });
    expect(doc.pageContent).toBe('harrison worked at kensho');
    expect(doc.metadata).toEqual({ source: 'wiki', page: 3 });
    expect(doc.id).toBe('d1');
  });

  it('should default the metadata to an empty object and the id to undefined, as LangChain prints them', () => {
    const doc = new Document({ pageContent: 'buildings are made of brick' });
    expect(doc.metadata).toEqual({});
    expect(Object.keys(doc)).toEqual(['pageContent', 'metadata', 'id']);
    expect(doc.id).toBeUndefined();
  });

  it('should give each document its own default metadata object', () => {
    const a = new Document({ pageContent: 'a' });
    const b = new Document({ pageContent: 'b' });
    a.metadata['x'] = 1;
    expect(b.metadata).toEqual({});
  });

  it('should serialise to its fields', () => {
    const doc = new Document({ pageContent: 'text', metadata: { k: 'v' } });
    expect(JSON.parse(JSON.stringify(doc))).toEqual({ pageContent: 'text', metadata: { k: 'v' } });
  });

  it('should type its metadata', () => {
    const doc = new Document<{ page: number }>({ pageContent: 'p', metadata: { page: 2 } });
    const page: number = doc.metadata.page;
    expect(page).toBe(2);
  });
});
