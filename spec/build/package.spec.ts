import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForBrowser, jokeAppSource, rxjsCopies } from '../../scripts/browserBundle';
import {
  installConsumer,
  packInto,
  publintMessages,
  typecheckConsumer,
  typesReport,
  type ConsumerMode,
  type PackedPackage,
} from '../support/packageTools';

const root = join(__dirname, '..', '..');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
}

const chainScript = (load: string): string => `
${load}
const prompt = rx.ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}');
const model = new testing.ScriptedChatModel({ responses: ['Knock knock.'] });
const chain = prompt.pipe(model).pipe(new rx.StringOutputParser());
(async () => {
  const chunks = [];
  for await (const chunk of await chain.stream({ topic: 'doors' })) chunks.push(chunk);
  console.log(JSON.stringify(chunks));
})();
`;

describe('the built package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('should bundle rxchain/testing with its fake provider servers for a browser (node:http is looked up at run time)', async () => {
    const bundle = await bundleForBrowser({
      source:
        "import { createAnthropicServer, createOpenAIServer } from 'rxchain/testing';\nexport const servers = [createAnthropicServer, createOpenAIServer];",
    });
    expect(bundle.code).not.toMatch(/from ?["']node:http["']|require\(["']node:http["']\)/);
  });

  it('should run the fake Anthropic server from the built rxchain/testing', () => {
    const out = node([
      '-e',
      "const t = require('rxchain/testing'); t.createAnthropicServer([{ text: 'hi' }]).then(async (s) => { const r = await fetch(s.url + '/v1/messages', { method: 'POST', body: '{}' }); console.log((await r.text()).includes('text_delta')); await s.close(); });",
    ]);
    expect(out).toBe('true');
  });

  it('should load with require() through the exports map', () => {
    const out = node(['-e', chainScript("const rx = require('rxchain'); const testing = require('rxchain/testing');")]);
    expect(JSON.parse(out)).toEqual(['Knock', ' knock.']);
  });

  it('should load with import through the exports map', () => {
    const out = node([
      '--input-type=module',
      '-e',
      chainScript("import * as rx from 'rxchain'; import * as testing from 'rxchain/testing';"),
    ]);
    expect(JSON.parse(out)).toEqual(['Knock', ' knock.']);
  });

  it('should share one Runnable class between rxchain and rxchain/testing in each format', () => {
    const cjs = node([
      '-e',
      "const rx = require('rxchain'); const t = require('rxchain/testing'); console.log(new t.ScriptedChatModel({ responses: ['x'] }) instanceof rx.Runnable);",
    ]);
    const esm = node([
      '--input-type=module',
      '-e',
      "import * as rx from 'rxchain'; import * as t from 'rxchain/testing'; console.log(new t.ScriptedChatModel({ responses: ['x'] }) instanceof rx.Runnable);",
    ]);
    expect([cjs, esm]).toEqual(['true', 'true']);
  });

  describe('packed, as the tools of its consumers read it', () => {
    const entries = [
      ['.', 'index'],
      ['./testing', 'testing/index'],
      ['./redis', 'redis/index'],
    ] as const;
    let dir: string;
    let packed: PackedPackage;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rxchain-pack-'));
      packed = packInto(dir);
      installConsumer(dir, packed.tarball);
    }, 60_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should ship each entry point as ESM and CommonJS, each with its own declarations', () => {
      const expected = entries.flatMap(([, file]) =>
        ['esm', 'cjs'].flatMap((format) => [`dist/${format}/${file}.js`, `dist/${format}/${file}.d.ts`]),
      );
      expect(expected.filter((file) => !packed.files.includes(file))).toEqual([]);
      // The format of each folder's .js and .d.ts files, for Node and TypeScript alike.
      expect(packed.files).toEqual(expect.arrayContaining(['dist/esm/package.json', 'dist/cjs/package.json']));
      expect(
        packed.files.filter((file) => !file.startsWith('dist/') && !/^(package\.json|README\.md)$/.test(file)),
      ).toEqual([]);
    });

    it('should pass publint with no error, warning or suggestion', () => {
      expect(publintMessages(packed.tarball)).toEqual([]);
    }, 60_000);

    it('should pass Are the Types Wrong: every entry point typed in the format it loads, node10 included', () => {
      const report = typesReport(packed.tarball);
      expect(report.problems).toEqual([]);
      const expected = Object.fromEntries(
        entries.map(([entry, file]) => [
          entry,
          {
            node10: `dist/cjs/${file}.d.ts`,
            'node16-cjs': `dist/cjs/${file}.d.ts`,
            'node16-esm': `dist/esm/${file}.d.ts`,
            bundler: `dist/esm/${file}.d.ts`,
          },
        ]),
      );
      expect(report.resolutions).toMatchObject(expected);
    }, 60_000);

    const consumer = `
import { ChatPromptTemplate, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { RedisRunStore, type RedisRunStoreOptions } from 'rxchain/redis';

const model = new ScriptedChatModel({ responses: ['Knock knock.'] });
const chain = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}').pipe(model).pipe(new StringOutputParser());
export const joke = (): Promise<string> => chain.invoke({ topic: 'doors' });
const options: RedisRunStoreOptions = { url: 'redis://127.0.0.1:6379' };
export const store = (): RedisRunStore => new RedisRunStore(options);
// @ts-expect-error typed from the declarations, not \`any\`: a misspelt method does not compile
new StringOutputParser().invok('x');
`;
    const modes: [string, ConsumerMode][] = [
      [
        'node16, from ESM and from CommonJS',
        { module: 'node16', moduleResolution: 'node16', files: ['app.mts', 'app.cts'] },
      ],
      ['node10', { module: 'commonjs', moduleResolution: 'node10', files: ['app.ts'] }],
      ['bundler', { module: 'preserve', moduleResolution: 'bundler', files: ['app.ts'] }],
    ];

    it.each(modes)(
      'should type-check a strict consumer of all three entry points under %s',
      (name, mode) => {
        expect(typecheckConsumer(dir, name.replace(/\W+/g, '-'), mode, consumer)).toBe('');
      },
      120_000,
    );
  });

  describe('bundled for a browser', () => {
    const contributing = (bundle: {
      metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    }): string[] =>
      Object.values(bundle.metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
          .map(([input]) => input),
      );

    it('should take the ESM build, one rxjs, and no Node built-in module', async () => {
      const bundle = await bundleForBrowser({ source: jokeAppSource });
      const inputs = Object.keys(bundle.metafile.inputs);
      expect(inputs.filter((input) => input.includes('/dist/cjs/') || input.startsWith('dist/cjs/'))).toEqual([]);
      expect(inputs.filter((input) => input.startsWith('dist/esm/')).length).toBeGreaterThan(10);
      expect(rxjsCopies(bundle.metafile)).toHaveLength(1);
      const imports = Object.values(bundle.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
      expect(imports.filter((path) => path.startsWith('node:'))).toEqual([]);
    });

    it('should leave out what the app does not use: serving, tools, and zod beyond toJSONSchema', async () => {
      const bundle = await bundleForBrowser({ source: jokeAppSource, external: ['rxjs'] });
      const used = contributing(bundle);
      // tools/toolDefinition.js is the schema conversion every chat model's bindTools uses;
      // the tools themselves (StructuredTool, DynamicTool, tool()) must stay out.
      expect(
        used.filter(
          (input) => /dist\/esm\/(serving|tools)\//.test(input) && !input.endsWith('tools/toolDefinition.js'),
        ),
      ).toEqual([]);
      // `import { z } from 'zod'` would pull in all of zod, its locales included.
      expect(used.filter((input) => /zod\/v4\/(locales|classic)\//.test(input))).toEqual([]);
    });

    it('should keep the composition table, the one module with a side effect, when it tree-shakes', async () => {
      const bundle = await bundleForBrowser({ source: jokeAppSource });
      const dir = mkdtempSync(join(tmpdir(), 'rxchain-bundle-'));
      try {
        writeFileSync(join(dir, 'app.mjs'), bundle.code);
        const out = node([
          '--input-type=module',
          '-e',
          `const app = await import(${JSON.stringify(join(dir, 'app.mjs'))}); console.log(JSON.stringify(await app.streamJoke('parrots')));`,
        ]);
        expect(JSON.parse(out)).toEqual([
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
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
