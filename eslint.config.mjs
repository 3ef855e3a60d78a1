// ESLint for rxchain: typescript-eslint's recommended rules everywhere, type-aware rules
// (no floating promises, no `any`) for lib/, and Prettier owning the formatting.
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      '.bench-rxchain/**',
      'coverage/**',
      'bench/**',
      'examples/angular/**',
      'examples/demo-page/**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'examples/**', 'spec/**', 'jest*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['lib/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      // An async function whose body never awaits is still how a synchronous throw becomes a
      // rejection (errors never leave lib/ synchronously), so it is not a mistake here.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Time comes from an RxJS scheduler in lib/ (timer, delay).' },
        { name: 'setInterval', message: 'Time comes from an RxJS scheduler in lib/ (interval).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time comes from an RxJS scheduler in lib/ (scheduler.now()).' },
        { object: 'Math', property: 'random', message: 'Ids come from an injectable generator in lib/.' },
      ],
    },
  },
  {
    rules: {
      // One concept per file: past 300 lines, split (STYLE.md).
      'max-lines': ['error', { max: 300 }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  prettier,
);
