// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its type declarations, from lib/.
//   node scripts/build.mjs                      builds dist/
//   node scripts/build.mjs --package=<folder>   builds a package of its own in <folder>
//     (<folder>/dist and a package.json with the same entry points and no dependencies,
//     which resolve from this checkout), built aside and swapped in whole, so a process
//     using dist/ (or the previous <folder>) never sees it half written. The benchmarks
//     use this (.bench-rxchain, with --no-types: declarations are not needed to run).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const packageArg = process.argv.find((arg) => arg.startsWith('--package='))?.slice('--package='.length);
const target = packageArg === undefined ? undefined : resolve(root, packageArg);
const staging = target === undefined ? undefined : `${target}.next`;
const dist = staging === undefined ? join(root, 'dist') : join(staging, 'dist');
const declarations = process.argv.includes('--no-types') ? [] : ['--declaration'];

function run(...args) {
  const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`tsc ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

rmSync(staging ?? dist, { recursive: true, force: true });
// Each build carries its own declarations beside its JavaScript. The package.json written
// below into each folder gives both a format ("type"), so TypeScript reads dist/esm/*.d.ts as
// ES modules and dist/cjs/*.d.ts as CommonJS, as Node does the .js files beside them: a
// consumer's `import` and `require` each get the types of the code they load.
// The two builds run side by side, one process each.
if (process.stderr.isTTY) process.stderr.write('building dist/esm and dist/cjs with tsc ...\n');
const builds = await Promise.allSettled([
  run('--module', 'ES2022', '--moduleResolution', 'Bundler', ...declarations, '--outDir', join(dist, 'esm')),
  run('--module', 'CommonJS', '--moduleResolution', 'Node10', ...declarations, '--outDir', join(dist, 'cjs')),
]);
const failed = builds.filter((build) => build.status === 'rejected');
if (failed.length > 0) {
  for (const { reason } of failed) console.error(reason.message);
  process.exit(1);
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
  const { name, version, type, main, module, types, exports, sideEffects: effects } = manifest;
  writeFileSync(
    join(staging, 'package.json'),
    `${JSON.stringify({ name, version, private: true, type, main, module, types, exports, sideEffects: effects }, null, 2)}\n`,
  );
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}
