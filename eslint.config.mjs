// ESLint flat config: the layering of docs/design/architecture.md as import rules, plus the recommended sets.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Relative imports that climb into another top-level folder, e.g. `../../server/protocol`. */
const into = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const restrict = (paths, patterns) => ['error', { paths, patterns }];

/** The e2e steps wait for conditions, never for a fixed time (test/e2e/poll.mjs holds the one timer they use). */
const NO_SLEEP = {
  selector: "MemberExpression[property.name='waitForTimeout']",
  message: 'a fixed sleep: poll for the condition the step needs instead (poll() in test/e2e/poll.mjs).',
};
const NO_TIMERS = [
  {
    selector: 'CallExpression[callee.name=/^(setTimeout|setInterval|delay)$/]',
    message: 'a timer in an e2e step: poll for the condition instead (poll() in test/e2e/poll.mjs).',
  },
  {
    selector: 'ImportDeclaration[source.value=/^(node:)?timers(\\u002Fpromises)?$/]',
    message: 'timers belong in test/e2e/poll.mjs: the steps poll for conditions.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/e2e/workspace/**',
      '.vscode-test-web/**',
      'test-results/**',
      'core/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
      // A default before a try whose catch returns is clearer than an uninitialised let.
      'no-useless-assignment': 'off',
    },
  },
  {
    // core: the engine is pure — no Node, no vscode, no LSP, no front end.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        NODE_BUILTINS.map((name) => ({
          name,
          message: 'core has no I/O of its own: take it through an injected interface (docs/design/conventions.md C5).',
        })),
        [
          {
            group: ['vscode', 'vscode-*', 'vscode-*/**'],
            message: 'core knows nothing of the editor or LSP (docs/design/architecture.md).',
          },
          {
            regex: into('server', 'client', 'cli', 'node', 'test', 'bench', 'scripts'),
            message: 'core imports nothing outside core (docs/design/architecture.md).',
          },
        ],
      ),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // node/: Node implementations of what core is handed; no editor, no front end.
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          {
            group: ['vscode', 'vscode-*', 'vscode-*/**'],
            message: 'node/ is shared by the CLI and the desktop server: no editor imports.',
          },
          { regex: into('server', 'client', 'cli'), message: 'node/ sits below the front ends (docs/design/architecture.md).' },
        ],
      ),
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          {
            group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/**'],
            message: 'the CLI never loads the editor API.',
          },
          { regex: into('client'), message: 'the CLI does not import the VS Code client.' },
        ],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'vscode', message: 'the language server runs outside VS Code: no vscode API.' }],
        [
          {
            group: ['vscode-languageclient', 'vscode-languageclient/**'],
            message: 'the server does not import the client library.',
          },
          { regex: into('client', 'cli'), message: 'the server does not import the client or the CLI.' },
        ],
      ),
    },
  },
  {
    // client: thin — vscode, the language client, the shared protocol and its own modules.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        NODE_BUILTINS.map((name) => ({ name, message: 'the client also runs in the browser: no Node built-ins.' })),
        [
          {
            regex: '^\\.\\./(?!server/(?:protocol|launch-flags)$)',
            message:
              'the client imports only ../server/protocol and ../server/launch-flags from outside client/ (docs/design/architecture.md).',
          },
        ],
      ),
    },
  },
  {
    // TypeScript checks names; the JavaScript entry points and scripts run in Node (the e2e steps also in the page).
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/e2e/**/*.mjs', 'test/e2e/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_SLEEP] },
  },
  {
    // The steps and their helpers; run.mjs (the server's start-up and the run's deadline) and poll.mjs keep their timers.
    files: ['test/e2e/**/*.mjs', 'test/e2e/**/*.ts'],
    ignores: ['test/e2e/run.mjs', 'test/e2e/poll.mjs'],
    rules: { 'no-restricted-syntax': ['error', NO_SLEEP, ...NO_TIMERS] },
  },
  {
    // Tests stand in for vscode and the protocol with loose fakes.
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-regex-spaces': 'off' },
  },
  {
    // `npm test` loads TypeScript through tsx's CommonJS hook only (no ES module loader thread per test file), under
    // which `import()` of a .ts module fails; a static import or require works under both hooks.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'Use a static import: `npm test` runs tests under tsx/cjs (package.json).' },
      ],
    },
  },
);
