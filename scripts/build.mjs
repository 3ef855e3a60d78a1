// Builds dist/esm (ES modules), dist/cjs (CommonJS) and dist/types (declarations) from lib/.
//   node scripts/build.mjs                      builds dist/
//   node scripts/build.mjs --package=<folder>   builds a package of its own in <folder>
//     (<folder>/dist and a package.json with the same entry points and no dependencies,
//     which resolve from this checkout), built aside and swapped in whole, so a process
//     using dist/ (or the previous <folder>) never sees it half written. The benchmarks
//     use this (.bench-rxchain, with --no-types: declarations are not needed to run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const packageArg = process.argv.find((arg) => arg.startsWith('--package='))?.slice('--package='.length);
const target = packageArg === undefined ? undefined : resolve(root, packageArg);
const staging = target === undefined ? undefined : `${target}.next`;
const dist = staging === undefined ? join(root, 'dist') : join(staging, 'dist');

function run(...args) {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), ...args], { stdio: 'inherit' });
}

if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
else rmSync(dist, { recursive: true, force: true });
run('--module', 'ES2022', '--moduleResolution', 'Bundler', '--outDir', join(dist, 'esm'));
run('--module', 'CommonJS', '--moduleResolution', 'Node10', '--outDir', join(dist, 'cjs'));
if (!process.argv.includes('--no-types')) {
  run(
    '--module',
    'ES2022',
    '--moduleResolution',
    'Bundler',
    '--declaration',
    '--emitDeclarationOnly',
    '--sourceMap',
    'false',
    '--outDir',
    join(dist, 'types'),
  );
}

// Bundlers read `sideEffects` from the package.json nearest to a file, so each build says
// which of its modules has one: the composition table registers itself when imported.
// Every other module can be dropped when nothing of it is used.
const sideEffects = ['./runnables/composition.js'];
for (const [folder, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  mkdirSync(join(dist, folder), { recursive: true });
  writeFileSync(join(dist, folder, 'package.json'), `${JSON.stringify({ type, sideEffects }, null, 2)}\n`);
}

if (target !== undefined && staging !== undefined) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { name, version, main, module, types, exports, sideEffects: effects } = manifest;
  writeFileSync(
    join(staging, 'package.json'),
    `${JSON.stringify({ name, version, private: true, main, module, types, exports, sideEffects: effects }, null, 2)}\n`,
  );
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}
