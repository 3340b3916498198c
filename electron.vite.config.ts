import { resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY as CSP } from './src/shared/csp';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __GREENLIGHT_VERSION__: JSON.stringify(pkg.version) };

// The built renderer carries its Content-Security-Policy in the page itself, so it holds for
// file:// in Electron (where response headers do not apply) as well as over HTTP. Not in dev:
// the dev server's inline preamble needs a looser policy, set by the main process there.

const cspMeta = {
  name: 'greenlight-csp-meta',
  apply: 'build' as const,
  transformIndexHtml: (html: string): string =>
    html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
};

// The browser console serves these copies (src/main/web/static-files.ts): compressed once,
// at the highest levels, at build time rather than on a user's first request.
const precompress = {
  name: 'greenlight-precompress',
  apply: 'build' as const,
  writeBundle(options: { dir?: string }, bundle: Record<string, { type: string; code?: string; source?: string | Uint8Array }>): void {
    if (!options.dir) return;
    for (const [fileName, out] of Object.entries(bundle)) {
      if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
      const raw = Buffer.from(out.type === 'chunk' ? (out.code ?? '') : (out.source ?? ''));
      if (raw.length < 1024) continue;
      const file = resolve(options.dir, fileName);
      // The HTML is rewritten by later plugins (the CSP meta): compress what is on disk.
      const body = fileName.endsWith('.html') ? readFileSync(file) : raw;
      writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    }
  },
};

export default defineConfig({
  main: {
    define,
    // yaml's ES module build (the same code as its CommonJS one, warnings through console.warn):
    // bundled and tree-shaken, where the CommonJS build is one big wrapper evaluated whole.
    resolve: { alias: { yaml: resolve(__dirname, 'node_modules/yaml/browser/index.js') } },
    build: {
      // Pure-JS dependencies read at every start are bundled: one file parses far faster than
      // zod's hundred modules resolved one by one (a cold `greenlight gate` spends most of its
      // time loading code). Native and rarely used ones stay in node_modules.
      externalizeDeps: { exclude: ['zod', 'commander', 'yaml'] },
      // The app entry and the CLI entry share every service; both run under Node
      // (the CLI and the browser console) or under Electron (the app).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS and may only require 'electron'.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    define,
    plugins: [react(), cspMeta, precompress],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
