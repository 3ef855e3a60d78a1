/**
 * Bundles code that imports rxchain's ESM build (`dist/esm`, so `npm run build` first) for
 * a browser, with esbuild, and checks what went into the bundle: no Node built-in module
 * (`node:*`, `fs`, `async_hooks`...), no CommonJS build of rxchain, one copy of rxjs.
 * Used by `npm run size`, `npm run demo` and the browser specs.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildFailure, type Message, type Metafile, type Plugin } from 'esbuild';

/** The repository's root folder. */
export const rootDir = join(__dirname, '..');

/** rxchain's ESM build, which browser bundles import. */
export const distEsmDir = join(rootDir, 'dist', 'esm');

/**
 * A small app of the kind the README opens with, `prompt | model | parser` on the
 * scripted model; `npm run size` measures it and the browser spec runs it.
 */
export const jokeAppSource = `
import { ChatPromptTemplate, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

const model = new ScriptedChatModel({ responses: ['Why did the parrot sit on the stick? To be a polly-stick-al observer!'] });
const chain = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}').pipe(model).pipe(new StringOutputParser());

export function tellJoke(topic) {
  return chain.invoke({ topic });
}

export async function streamJoke(topic) {
  const tokens = [];
  for await (const token of await chain.stream({ topic })) tokens.push(token);
  return tokens;
}
`;

/** Raised when a browser bundle cannot be built, or reaches something a browser lacks. */
export class BrowserBundleError extends Error {
  override readonly name = 'BrowserBundleError';
}

/** What to bundle. */
export interface BrowserBundleOptions {
  /** A file to bundle... */
  entry?: string;
  /** ...or module source (JavaScript or TypeScript) resolved from the repository root. */
  source?: string;
  /** Packages left out of the bundle (imported at run time instead), e.g. `['rxjs']`. */
  external?: readonly string[];
  /** Minify (the default), or keep the code readable. */
  minify?: boolean;
}

/** A browser bundle: its code, sizes and esbuild's metafile. */
export interface BrowserBundle {
  readonly code: string;
  /** Bytes of `code` (UTF-8). */
  readonly bytes: number;
  /** Bytes of `code` gzipped (level 9). */
  readonly gzipBytes: number;
  readonly metafile: Metafile;
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Whether `path` names a Node built-in module (`node:fs`, `fs`, `fs/promises`...). */
export function isNodeBuiltin(path: string): boolean {
  return path.startsWith('node:') || builtins.has(path) || builtins.has(path.split('/')[0] ?? path);
}

/** Resolves `rxchain` and `rxchain/testing` to the ESM build, as a published package would. */
export const rxchainFromDist: Plugin = {
  name: 'rxchain-from-dist',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^rxchain(\/testing)?$/ }, (args) => {
      const file = join(distEsmDir, args.path === 'rxchain' ? 'index.js' : join('testing', 'index.js'));
      if (!existsSync(file)) {
        return {
          errors: [
            {
              text: `${file} is missing: run \`npm run build\` first, the browser bundle imports rxchain's ESM build.`,
            },
          ],
        };
      }
      return { path: file };
    });
  },
};

/** The folder of each rxjs copy the bundle holds (one, unless two builds of rxjs got in). */
export function rxjsCopies(metafile: Metafile): string[] {
  const copies = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/rxjs\/dist\/([^/]+)\//.exec(input);
    if (match !== null) copies.add(`rxjs/dist/${match[1] ?? ''}`);
  }
  return [...copies].sort();
}

/**
 * What a browser bundle must not hold, read from esbuild's metafile: an import of a Node
 * built-in module (bundled or left external), rxchain's CommonJS build, two rxjs copies.
 * Returns one sentence per problem; empty when the bundle is fine.
 */
export function browserProblems(metafile: Metafile): string[] {
  const problems: string[] = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (isNodeBuiltin(input)) problems.push(`Node's built-in module "${input}" is in the bundle.`);
    if (/(?:^|\/)dist\/cjs\//.test(input))
      problems.push(`${input} is rxchain's CommonJS build; a browser bundle takes dist/esm.`);
    for (const imported of imports) {
      if (isNodeBuiltin(imported.path)) problems.push(`${input} imports Node's built-in module "${imported.path}".`);
    }
  }
  const copies = rxjsCopies(metafile);
  if (copies.length > 1)
    problems.push(
      `The bundle holds ${copies.length} copies of rxjs (${copies.join(', ')}); rxchain and the app must share one.`,
    );
  return problems;
}

function describeFailure(messages: readonly Message[]): string {
  return messages
    .map((message) => {
      const where = message.location === null ? '' : `${message.location.file}:${message.location.line}: `;
      const builtin = /Could not resolve "([^"]+)"/.exec(message.text)?.[1];
      if (builtin !== undefined && isNodeBuiltin(builtin)) {
        return `${where}the bundle reaches Node's built-in module "${builtin}", which a browser does not have. Code that runs in a browser must not import it: look it up at run time behind a guard (as lib/core/internal/currentConfig.ts does with process.getBuiltinModule), or keep it out of the modules the browser entry points import.`;
      }
      return `${where}${message.text}`;
    })
    .join('\n');
}

/**
 * Bundles `entry` (or `source`) for a browser: ESM, `platform: 'browser'`, rxchain from
 * `dist/esm`. Rejects with a `BrowserBundleError` saying what went wrong when esbuild
 * fails (a Node built-in module gets its own message) or `browserProblems` finds anything.
 */
export async function bundleForBrowser(options: BrowserBundleOptions): Promise<BrowserBundle> {
  const { entry, source, external = [], minify = true } = options;
  if ((entry === undefined) === (source === undefined))
    throw new BrowserBundleError('Pass either { entry } or { source }.');
  let result;
  try {
    result = await build({
      ...(entry !== undefined
        ? { entryPoints: [entry] }
        : { stdin: { contents: source ?? '', resolveDir: rootDir, loader: 'ts' as const, sourcefile: 'app.ts' } }),
      absWorkingDir: rootDir,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify,
      write: false,
      metafile: true,
      external: [...external],
      plugins: [rxchainFromDist],
      logLevel: 'silent',
    });
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    if (Array.isArray(failure.errors)) {
      throw new BrowserBundleError(`The browser bundle failed:\n${describeFailure(failure.errors)}`, { cause: error });
    }
    throw error;
  }
  const problems = browserProblems(result.metafile);
  if (problems.length > 0)
    throw new BrowserBundleError(`The browser bundle is not fit for a browser:\n${problems.join('\n')}`);
  const output = result.outputFiles[0];
  if (output === undefined) throw new BrowserBundleError('esbuild wrote no output file.');
  return {
    code: output.text,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    metafile: result.metafile,
  };
}

/** Minified bytes of the bundle per package (`rxchain`, `rxjs`, `zod`...), largest first. */
export function bytesByPackage(metafile: Metafile): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ??
        (input.startsWith('dist/') ? 'rxchain' : 'app');
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}
