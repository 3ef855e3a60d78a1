import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compile,
  fileBlockMismatch,
  fileBlockText,
  markdownBlocks,
  markdownCodeBlocks,
  markdownFileBlocks,
  tsdocBlocks,
  type CodeBlock,
  type FileBlock,
} from './codeBlocks';
import { OpenAITestServer } from '../support/openaiServer';
import { RedisTestServer } from '../support/redisServer';
import { docsReply } from './openaiDocsServer';

const root = join(__dirname, '..', '..');

type AsyncBody = (
  require: NodeJS.Require,
  exports: Record<string, unknown>,
  module: { exports: Record<string, unknown> },
  check: (actual: unknown[], expected: unknown[], statement: string) => void,
  console: Pick<Console, 'log' | 'error' | 'warn' | 'info'>,
) => Promise<void>;

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncBody;

async function run(block: CodeBlock): Promise<{ checks: number }> {
  let checks = 0;
  const body = new AsyncFunction('require', 'exports', 'module', '__check', 'console', compile(block.code));
  const exportsObject: Record<string, unknown> = {};
  const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined };
  await body(
    require,
    exportsObject,
    { exports: exportsObject },
    (actual, expected, statement) => {
      checks++;
      try {
        expect(actual).toEqual(expected);
      } catch (error) {
        throw new Error(`${block.where}: \`${statement}\` did not give the documented value.\n${String(error)}`);
      }
    },
    quiet,
  );
  return { checks };
}

const docs = markdownBlocks(root);
const shownFiles = markdownFileBlocks(root);
const examples = tsdocBlocks(root);

describe('the documentation', () => {
  // Blocks that use an HTTP model read process.env.OPENAI_BASE_URL: a local test server;
  // blocks that use Redis read process.env.REDIS_URL: a local redis-server.
  let server: OpenAITestServer;
  let redis: RedisTestServer;
  const saved = { OPENAI_BASE_URL: process.env['OPENAI_BASE_URL'], REDIS_URL: process.env['REDIS_URL'] };

  beforeAll(async () => {
    [server, redis] = await Promise.all([OpenAITestServer.start(docsReply), RedisTestServer.start()]);
    process.env['OPENAI_BASE_URL'] = server.url;
    process.env['REDIS_URL'] = redis.url;
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await Promise.all([server.close(), redis.stop()]);
  });

  it('should have examples to run', () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(20);
  });

  describe('guide blocks under docs/', () => {
    it.each(docs.map((block) => [block.where, block] as const))('%s should run', async (_where, block) => {
      const { checks } = await run(block);
      if (block.code.includes('// =>')) expect(checks).toBeGreaterThan(0);
    });
  });

  // A block that shows a file of the repository (```ts file=examples/angular/src/app/joke.ts)
  // cannot run here (Angular code runs in the browser spec): it must equal that file instead.
  describe('blocks under docs/ that show a file', () => {
    it('should find the files the Angular guide shows', () => {
      expect(shownFiles.map((block) => block.file)).toEqual(
        expect.arrayContaining(['examples/angular/src/app/joke.ts', 'examples/angular/src/app/countries.ts']),
      );
    });

    it.each(shownFiles.map((block) => [block.where, block] as const))('%s should equal its file', (_where, block) => {
      const mismatch = fileBlockMismatch(root, block);
      if (mismatch !== undefined) throw new Error(mismatch);
    });

    it('should fail a block that no longer matches its file', () => {
      const file = 'examples/angular/src/app/app.ts';
      const markdown = (body: string): FileBlock => {
        const { run, files } = markdownCodeBlocks(
          ['Some text.', '', `\`\`\`ts file=${file}`, body, '```', ''].join('\n'),
          'inline.md',
        );
        expect(run).toEqual([]);
        return files[0] as FileBlock;
      };
      const text = readFileSync(join(root, file), 'utf8').replace(/\n$/, '');
      expect(fileBlockMismatch(root, markdown(text))).toBeUndefined();
      expect(fileBlockMismatch(root, markdown(text.replace('rxchain in Angular', 'rxchain in Angular!')))).toMatch(
        /^inline\.md:3: the block no longer matches examples\/angular\/src\/app\/app\.ts \(first difference at line \d+/,
      );
      expect(fileBlockMismatch(root, markdown(`${text}\n// one more line`))).toMatch(
        /"\/\/ one more line"\n {2}file: {2}"\(end of file\)"/,
      );
    });

    it('should compare a region with the lines between its markers, and refuse a ts block with another info string', () => {
      const file = 'examples/angular/src/app/chains.ts';
      const region = fileBlockText(root, file, 'chains');
      expect(region).toMatch(/^\/\/ No key and no network/);
      expect(region).toContain('export const countriesChain');
      expect(region).not.toMatch(/#(end)?region|scriptedCountries: CountryList/);
      const block = (code: string): FileBlock => {
        const { files } = markdownCodeBlocks(`\`\`\`ts file=${file}#chains\n${code}\n\`\`\``, 'inline.md');
        return files[0] as FileBlock;
      };
      expect(block('x')).toEqual({ where: 'inline.md:1', code: 'x', file, region: 'chains' });
      expect(fileBlockMismatch(root, block(region))).toBeUndefined();
      expect(fileBlockMismatch(root, block(region.replace('delay: 50', 'delay: 20')))).toMatch(
        /no longer matches examples\/angular\/src\/app\/chains\.ts#chains/,
      );
      expect(() => fileBlockText(root, file, 'nowhere')).toThrow(/has no "#region nowhere" line/);
      expect(() => markdownCodeBlocks('```ts title=x\nconst a = 1;\n```', 'inline.md')).toThrow(
        /inline\.md:1: a ts block may only name a file/,
      );
      expect(() => markdownCodeBlocks('```ts\nconst a = 1;', 'inline.md')).toThrow(/never closed/);
    });
  });

  describe('TSDoc @example blocks under lib/', () => {
    it.each(examples.map((block) => [block.where, block] as const))('%s should run', async (_where, block) => {
      const { checks } = await run(block);
      if (block.code.includes('// =>')) expect(checks).toBeGreaterThan(0);
    });
  });

  it('should fail a block whose documented value is wrong', async () => {
    await expect(run({ where: 'inline', code: 'console.log(1 + 1); // => 3' })).rejects.toThrow(
      /did not give the documented value/,
    );
    await expect(run({ where: 'inline', code: 'console.log(1 + 1); // => 2' })).resolves.toEqual({ checks: 1 });
  });
});
