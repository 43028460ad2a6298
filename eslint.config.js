// ESLint: typescript-eslint's recommended rules, Prettier owning the layout, and the layering of
// the folders (README, "Folder map") as import rules, so a change that leans a layer the wrong way
// fails `npm run lint` in CI instead of waiting for a reviewer.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Folders a layer may not import from, as regular expressions over the import path. */
const FOLDERS = {
  dialogs: { regex: '(^|/)dialogs/', message: 'dialogs/ is the conversation policy: only bot/app wires it in.' },
  adapters: {
    regex: '(^|/)adapters/',
    message: 'adapters/ implement the ports of bot/core/ports: only bot/app wires them in.',
  },
  app: {
    regex: '(^|/)bot/app/|^\\.\\./app/|^\\.\\./\\.\\./app/|^\\./app/',
    message: 'bot/app is the assembly: nothing imports it.',
  },
};

/** Vendor packages, each confined to the modules that wrap it. */
const VENDORS = {
  botkit: {
    names: ['botkit', 'botbuilder', 'botbuilder-*'],
    message: 'Botkit stays behind bot/botkit.engine.ts (the DialogEngine port).',
  },
  wechaty: { names: ['wechaty', 'wechaty-*'], message: 'wechaty is the WeChat channel: adapters/channels/wechat.*.' },
  msal: { names: ['@azure/msal-node'], message: 'msal-node is the Entra sign-in adapter: adapters/auth/.' },
  databases: {
    names: ['pg', 'ioredis', 'better-sqlite3'],
    message: 'Databases are adapters: use a port from bot/core/ports.',
  },
};

function restrict(folders, vendors) {
  return [
    'error',
    {
      patterns: [
        ...folders.map((f) => ({ regex: FOLDERS[f].regex, message: FOLDERS[f].message })),
        ...vendors.map((v) => ({ group: VENDORS[v].names, message: VENDORS[v].message })),
      ],
    },
  ];
}

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'bench/tmp/', 'data/', 'coverage/', '**/*.min.js'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // The browser pages are plain scripts for the browser.
  {
    files: ['adapters/channels/web/**/*.js', 'adapters/channels/console/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        location: 'readonly',
        WebSocket: 'readonly',
        Notification: 'readonly',
        Audio: 'readonly',
        AudioContext: 'readonly',
        history: 'readonly',
        requestAnimationFrame: 'readonly',
        getComputedStyle: 'readonly',
        Intl: 'readonly',
        MutationObserver: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        CustomEvent: 'readonly',
        CSS: 'readonly',
      },
    },
  },
  // The layers. bot/core: the shared vocabulary, importing no layer above it and no vendor.
  {
    files: ['bot/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['dialogs', 'adapters', 'app'], ['botkit', 'wechaty', 'msal', 'databases']),
    },
  },
  // bot/ (the domain, outside core and app): no dialogs, no adapters; Botkit only in its engine.
  {
    files: ['bot/**/*.ts'],
    ignores: ['bot/core/**', 'bot/app/**', 'bot/botkit.engine.ts'],
    rules: {
      'no-restricted-imports': restrict(['dialogs', 'adapters', 'app'], ['botkit', 'wechaty', 'msal', 'databases']),
    },
  },
  {
    files: ['bot/botkit.engine.ts'],
    rules: { 'no-restricted-imports': restrict(['dialogs', 'adapters', 'app'], ['wechaty', 'msal', 'databases']) },
  },
  // dialogs/: pure policy over the core vocabulary and the domain.
  {
    files: ['dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['adapters', 'app'], ['botkit', 'wechaty', 'msal', 'databases']) },
  },
  // adapters/: implement ports; they never reach into the dialogs or the assembly.
  { files: ['adapters/**/*.ts'], rules: { 'no-restricted-imports': restrict(['dialogs', 'app'], ['botkit']) } },
  // bot/app: the assembly wires everything but still runs Botkit through the engine.
  { files: ['bot/app/**/*.ts'], rules: { 'no-restricted-imports': restrict([], ['botkit']) } },
  prettier,
);
