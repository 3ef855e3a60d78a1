import type { XmlTree } from './XmlTree.js';

// Scanner states.
const TEXT = 0; // between tags
const LT = 1; // after '<'
const OPEN_NAME = 2; // in '<name'
const IN_TAG = 3; // attributes of an opening tag
const IN_QUOTE = 4; // a quoted attribute value
const TAG_SLASH = 5; // '/' inside an opening tag: '>' next makes it self-closing
const CLOSE_NAME = 6; // in '</name'
const CLOSE_REST = 7; // after a closing tag's name, up to '>'
const BANG = 8; // after '<!': a comment, CDATA, or a declaration
const COMMENT = 9; // in '<!-- ... -->'
const CDATA = 10; // in '<![CDATA[ ... ]]>'
const SKIP = 11; // a declaration or processing instruction, up to '>'
const ENTITY = 12; // after '&' in text

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameStart(c: string): boolean {
  return /[A-Za-z_:\u00C0-\uFFFF]/.test(c);
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r';
}

/**
 * A streaming XML tokenizer that reads each character once and reports elements to an
 * `XmlTree`: opening, closing and self-closing tags (attributes are skipped, as
 * LangChain.js's output shape has no place for them), text with the five named and the
 * numeric entities decoded, CDATA as text; comments, declarations and processing
 * instructions are skipped, and so is everything before the first tag (a markdown
 * fence, prose) and after the root closes. As in LangChain.js, whitespace at the start
 * of each line is dropped. A `<` that cannot start a tag is text.
 *
 * Internal to `lib/parsers`; not part of the public API.
 */
export class XmlScanner {
  readonly #tree: XmlTree;
  #state = TEXT;
  #name = '';
  #quote = '';
  #buffer = '';
  #lineStart = true;
  /** Non-whitespace text seen outside any element. */
  strayText = false;

  /**
   * @param tree - where the elements go.
   */
  constructor(tree: XmlTree) {
    this.#tree = tree;
  }

  /** Reads the next piece of the document. */
  push(chunk: string): void {
    const tree = this.#tree;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (tree.done) return;
      const c = chunk[i] as string;
      switch (this.#state) {
        case TEXT: {
          if (this.#lineStart && isSpace(c) && c !== '\n') {
            i++;
            continue;
          }
          // The run of plain text up to the next character that matters.
          let end = i;
          while (end < n) {
            const d = chunk[end] as string;
            if (d === '<' || d === '&' || d === '\n') break;
            end++;
          }
          if (end > i) {
            this.#text(chunk.slice(i, end));
            this.#lineStart = false;
            i = end;
            continue;
          }
          if (c === '\n') {
            this.#text('\n');
            this.#lineStart = true;
          } else if (c === '<') this.#state = LT;
          else {
            this.#state = ENTITY;
            this.#buffer = '';
          }
          i++;
          continue;
        }
        case LT:
          this.#lineStart = false;
          if (c === '/') {
            this.#state = CLOSE_NAME;
            this.#name = '';
          } else if (c === '!') {
            this.#state = BANG;
            this.#buffer = '';
          } else if (c === '?') this.#state = SKIP;
          else if (isNameStart(c)) {
            this.#state = OPEN_NAME;
            this.#name = c;
          } else {
            // Not a tag: the '<' was text; read this character again as text.
            this.#state = TEXT;
            this.#text('<');
            continue;
          }
          i++;
          continue;
        case OPEN_NAME:
          if (isSpace(c)) this.#state = IN_TAG;
          else if (c === '/') this.#state = TAG_SLASH;
          else if (c === '>') this.#openTag(false);
          else this.#name += c;
          i++;
          continue;
        case IN_TAG:
          if (c === '"' || c === "'") {
            this.#state = IN_QUOTE;
            this.#quote = c;
          } else if (c === '/') this.#state = TAG_SLASH;
          else if (c === '>') this.#openTag(false);
          i++;
          continue;
        case IN_QUOTE:
          if (c === this.#quote) this.#state = IN_TAG;
          i++;
          continue;
        case TAG_SLASH:
          if (c === '>') this.#openTag(true);
          else this.#state = IN_TAG;
          i++;
          continue;
        case CLOSE_NAME:
          if (c === '>') this.#closeTag();
          else if (isSpace(c)) this.#state = CLOSE_REST;
          else this.#name += c;
          i++;
          continue;
        case CLOSE_REST:
          if (c === '>') this.#closeTag();
          i++;
          continue;
        case BANG:
          this.#buffer += c;
          if (this.#buffer === '--') this.#enter(COMMENT);
          else if (this.#buffer === '[CDATA[') this.#enter(CDATA);
          else if (!'--'.startsWith(this.#buffer) && !'[CDATA['.startsWith(this.#buffer)) {
            this.#state = c === '>' ? TEXT : SKIP;
          }
          i++;
          continue;
        case COMMENT:
          this.#buffer = (this.#buffer + c).slice(-3);
          if (this.#buffer === '-->') this.#state = TEXT;
          i++;
          continue;
        case CDATA: {
          const end = chunk.indexOf(']]>', i);
          // Text up to a possible terminator; a ']' near the chunk's end waits for the next chunk.
          const pending = this.#buffer + chunk.slice(i, end === -1 ? n : end);
          if (end !== -1) {
            this.#text(pending);
            this.#buffer = '';
            this.#state = TEXT;
            i = end + 3;
            continue;
          }
          const keep = pending.endsWith(']]') ? 2 : pending.endsWith(']') ? 1 : 0;
          this.#text(pending.slice(0, pending.length - keep));
          this.#buffer = pending.slice(pending.length - keep);
          i = n;
          continue;
        }
        case SKIP:
          if (c === '>') this.#state = TEXT;
          i++;
          continue;
        case ENTITY:
          if (c === ';') {
            this.#state = TEXT;
            this.#text(decodeEntity(this.#buffer));
          } else if (/[#A-Za-z0-9]/.test(c) && this.#buffer.length < 10) this.#buffer += c;
          else {
            // Not an entity: keep it as text and read this character again.
            this.#state = TEXT;
            this.#text(`&${this.#buffer}`);
            continue;
          }
          i++;
          continue;
      }
    }
  }

  #enter(state: number): void {
    this.#state = state;
    this.#buffer = '';
  }

  #text(text: string): void {
    if (this.#tree.started) this.#tree.text(text);
    else if (/\S/.test(text)) this.strayText = true;
  }

  #openTag(selfClosing: boolean): void {
    this.#state = TEXT;
    this.#tree.open(this.#name);
    if (selfClosing) this.#tree.close(this.#name);
  }

  #closeTag(): void {
    this.#state = TEXT;
    this.#tree.close(this.#name);
  }
}

function decodeEntity(name: string): string {
  const named = ENTITIES[name];
  if (named !== undefined) return named;
  const code = /^#x[0-9a-f]+$/i.test(name)
    ? parseInt(name.slice(2), 16)
    : /^#[0-9]+$/.test(name)
      ? parseInt(name.slice(1), 10)
      : NaN;
  return Number.isNaN(code) || code > 0x10ffff ? `&${name};` : String.fromCodePoint(code);
}
