// Bundles src/main.ts (with Leaflet and its stylesheet) into dist/, which Maven packages into the
// jar as static/ui/. Asset names carry a content hash; index.html is rewritten to point at them.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: 'src/main.ts', styles: 'src/styles.css' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: 'es2022',
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  loader: { '.png': 'file', '.svg': 'file' },
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((p) => p.replace(/^dist\//, '/ui/'));
const js = outputs.find((p) => p.endsWith('.js'));
const css = outputs.find((p) => p.endsWith('.css'));
const html = readFileSync('index.html', 'utf8').replace('%APP_JS%', js).replace('%APP_CSS%', css);
writeFileSync('dist/index.html', html);
console.log(`ui: ${outputs.length} files in dist/ (${js}, ${css})`);
