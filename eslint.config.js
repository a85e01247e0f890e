import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import layering from './eslint-rules/layering.js';

/**
 * The architecture's arrows (see README, Layout). core is the engine and its application layer: it runs
 * under plain Node and knows no shell; only its composition root (core/app/runtime.ts) starts the embedded
 * sandbox. The renderer reaches the main process only through the contract.
 */
const LAYERS = [
  {
    name: 'electron/core',
    files: 'electron/core/',
    forbiddenFolders: [
      'electron/main/',
      'electron/preload/',
      'electron/cli/',
      'electron/sandbox/',
      'renderer/',
    ],
    forbiddenPackages: ['electron'],
    exceptions: { 'electron/core/app/runtime.ts': ['electron/sandbox/'] },
  },
  {
    name: 'electron/contract',
    files: 'electron/contract/',
    onlyFolders: ['electron/contract/'],
    forbiddenPackages: ['electron'],
    noNodeBuiltins: true,
  },
  {
    name: 'renderer',
    files: 'renderer/',
    onlyFolders: ['renderer/', 'electron/contract/'],
    forbiddenPackages: ['electron', 'better-sqlite3'],
    noNodeBuiltins: true,
  },
  {
    name: 'electron/cli',
    files: 'electron/cli/',
    forbiddenFolders: ['electron/main/', 'electron/preload/', 'renderer/'],
    forbiddenPackages: ['electron'],
  },
  {
    name: 'electron/browser',
    files: 'electron/browser/',
    forbiddenFolders: [
      'electron/main/',
      'electron/preload/',
      'electron/cli/',
      'electron/sandbox/',
      'renderer/',
    ],
    forbiddenPackages: ['electron'],
  },
  {
    name: 'electron/sandbox',
    files: 'electron/sandbox/',
    forbiddenFolders: ['electron/main/', 'electron/preload/', 'electron/cli/', 'renderer/'],
    forbiddenPackages: ['electron'],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'coverage',
      'test/.tmp',
      'bench/.data',
      '.stryker-tmp',
      'reports',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: [
      'electron/**/*.ts',
      'test/**/*.ts',
      'bin/**/*.mjs',
      'scripts/**/*.mjs',
      'eslint-rules/**/*.js',
      'bench/**/*.{ts,mjs}',
      '*.ts',
      '*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,vue}'],
    plugins: { local: { rules: { layering } } },
    rules: { 'local/layering': ['error', { layers: LAYERS }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
);
