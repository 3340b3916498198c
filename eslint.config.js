// Lint enforces the boundaries of the house (README "Layout"): core stays pure, the renderer
// reaches main only through the API client, the preload sees only shared types and electron,
// nothing in main but its hosts imports the API, only the project loader reads
// greenlight.yaml, and shell.openExternal is called from security.ts alone.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Bare Node built-in names are matched exactly (a regex), so '../shared/events' is not 'events'.
const nodeBuiltins = { regex: '^(node:.*|(fs|path|os|child_process|crypto|http|https|net|url|worker_threads|stream|util|zlib|events|readline)(/.*)?)$' };
const restrict = (patterns) => ['error', { patterns }];
const apiHosts = ['src/main/api/**/*.ts', 'src/main/index.ts', 'src/main/web/**/*.ts'];
const yamlReaders = ['src/main/project/**/*.ts', 'src/main/cli/input.ts'];
const noApi = { group: ['**/api', '**/api/**'], message: 'Only the hosts of the contract (main/index.ts, main/web) import src/main/api; shared services live in the rooms below it (the context in main/context).' };
const noYaml = { group: ['yaml'], message: 'greenlight.yaml is read only by the project loader in src/main/project (readProjectDocument, loadProject).' };

export default tseslint.config(
  // wasm/ is AssemblyScript (function decorators such as @inline, its own builtins): asc checks it.
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/data/**', 'native/**', 'wasm/**', 'resources/examples/**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { ...nodeBuiltins, message: 'src/core is pure: no file system, processes or network (ARCHITECTURE.md). Do I/O in src/main.' },
        { group: ['electron', 'better-sqlite3', 'simple-git'], message: 'src/core is pure: no Electron, database or git (ARCHITECTURE.md).' },
        { group: ['**/main/**', '**/main', '**/preload/**', '**/renderer/**'], message: 'src/core imports nothing from main, preload or renderer (ARCHITECTURE.md).' },
      ]),
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { ...nodeBuiltins, message: 'src/shared is the contract: no Node APIs.' },
        { group: ['electron', 'better-sqlite3', 'simple-git'], message: 'src/shared is the contract: no runtime services.' },
        { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'src/shared imports only core and itself.' },
      ]),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/main', '**/preload/**', '**/preload'], message: 'The renderer reaches main only through its API client (src/renderer/api.ts).' },
        { ...nodeBuiltins, message: 'The renderer runs in a sandbox: no Node APIs.' },
        { group: ['electron', 'better-sqlite3', 'simple-git'], message: 'The renderer runs in a sandbox: no Electron or native modules.' },
      ]),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/renderer/**', '**/core/**'], message: 'The preload imports only shared types and electron.' },
        { regex: '^(?!electron$|\\.\\./shared/)', message: 'The sandboxed preload may load only electron and src/shared.' },
      ]),
    },
  },
  // The house (README "Layout"): rooms under src/main sit below the service table in api/,
  // which only its two hosts (index.ts for IPC, web/ for HTTP) import; and greenlight.yaml is
  // read by the project loader alone, so no other room of main parses YAML (cli/input.ts reads
  // the YAML data files `compare` and `check` are given).
  {
    files: ['src/main/**/*.ts'],
    ignores: [...apiHosts, ...yamlReaders],
    rules: { 'no-restricted-imports': restrict([noApi, noYaml]) },
  },
  { files: apiHosts, rules: { 'no-restricted-imports': restrict([noYaml]) } },
  { files: yamlReaders, rules: { 'no-restricted-imports': restrict([noApi]) } },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/security.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='openExternal']", message: 'Open links only through openExternalSafely in src/main/security.ts.' },
      ],
    },
  },
);
