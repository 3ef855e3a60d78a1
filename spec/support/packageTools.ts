/**
 * Reads the packed package the way its consumers' tools do: `npm pack` into a folder,
 * publint and Are the Types Wrong on the tarball, and a TypeScript project that installs it
 * and type-checks against it under each module resolution. Nothing here uses the network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const rootDir = join(__dirname, '..', '..');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A packed package: the tarball's path and the files in it, relative to the package root. */
export interface PackedPackage {
  readonly tarball: string;
  readonly files: readonly string[];
}

/** Packs the repository (as `npm publish` would) into `dir`. */
export function packInto(dir: string): PackedPackage {
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', dir], {
    cwd: rootDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error(`npm pack printed no package: ${out}`);
  return { tarball: join(dir, packed.filename), files: packed.files.map((file) => file.path).sort() };
}

/** publint's messages for the tarball, suggestions included, one readable line each. */
export function publintMessages(tarball: string): string[] {
  const script = `
    import { readFileSync } from 'node:fs';
    import { publint } from 'publint';
    import { formatMessage } from 'publint/utils';
    const bytes = readFileSync(${JSON.stringify(tarball)});
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
    console.log(JSON.stringify(messages.map((m) => m.type + ' ' + m.code + ': ' + formatMessage(m, pkg, { color: false }))));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: rootDir, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

/** How one resolution mode of TypeScript resolved an entry point: the file, or null. */
export type Resolutions = Record<string, Record<string, string | null>>;

/** What Are the Types Wrong found: its problems, one line each, and every resolution. */
export interface TypesReport {
  readonly problems: string[];
  /** Entry point (`.`, `./testing`...) → resolution kind (`node10`, `node16-esm`...) → file. */
  readonly resolutions: Resolutions;
}

interface AttwAnalysis {
  problems: { kind: string }[];
  entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
}

/** Runs `attw` (the CLI of Are the Types Wrong) on the tarball. */
export function typesReport(tarball: string): TypesReport {
  const cli = join(rootDir, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
  // attw exits 1 when it finds a problem; its JSON says which.
  const run = spawnSync(process.execPath, [cli, tarball, '--format', 'json', '--no-definitely-typed'], {
    cwd: rootDir,
    encoding: 'utf8',
  });
  if (run.stdout.trim() === '') throw new Error(`attw printed nothing (exit ${run.status}): ${run.stderr}`);
  const { analysis } = JSON.parse(run.stdout) as { analysis: AttwAnalysis };
  const problems = analysis.problems.map(({ kind, ...where }) => `${kind} ${JSON.stringify(where)}`);
  const resolutions = Object.fromEntries(
    Object.entries(analysis.entrypoints).map(([entry, { resolutions: byKind }]) => [
      entry,
      Object.fromEntries(
        Object.entries(byKind).map(([kind, { resolution }]) => [
          kind,
          resolution === undefined ? null : resolution.fileName.replace('/node_modules/rxchain/', ''),
        ]),
      ),
    ]),
  );
  return { problems, resolutions };
}

/**
 * Lays out a consumer project in `dir`: the tarball installed as node_modules/rxchain, and
 * rxchain's dependencies and peers linked from the repository's node_modules.
 */
export function installConsumer(dir: string, tarball: string): void {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  renameSync(join(dir, 'package'), join(modules, 'rxchain'));
  for (const dependency of ['rxjs', 'zod', 'nanoid', 'ioredis']) {
    symlinkSync(join(rootDir, 'node_modules', dependency), join(modules, dependency), 'dir');
  }
}

/** A way a consumer's TypeScript reads packages, and the files it type-checks. */
export interface ConsumerMode {
  readonly module: string;
  readonly moduleResolution: string;
  /** Source file names; `.mts` is read as an ES module and `.cts` as CommonJS under node16. */
  readonly files: readonly string[];
}

/** Type-checks `source` as each of `mode.files` in the consumer project; returns tsc's output. */
export function typecheckConsumer(dir: string, name: string, mode: ConsumerMode, source: string): string {
  const project = join(dir, name);
  mkdirSync(project, { recursive: true });
  for (const file of mode.files) writeFileSync(join(project, file), source);
  const compilerOptions = {
    module: mode.module,
    moduleResolution: mode.moduleResolution,
    target: 'ES2022',
    strict: true,
    esModuleInterop: true,
    // The declarations rxchain ships are checked too, under this mode.
    skipLibCheck: false,
    noEmit: true,
    types: [],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: mode.files }));
  const tsc = join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim();
}
