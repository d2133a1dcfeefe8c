// Bundles the dashboard (src/main.ts with Leaflet) and the pipeline builder (src/builder/main.tsx
// with React Flow and elkjs) into dist/, which Maven packages into the jar as static/ui/. Asset
// names carry a content hash; index.html and builder.html are rewritten to point at them.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';

const pages = { app: 'index.html', builder: 'builder.html' };
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: 'src/main.ts', styles: 'src/styles.css', builder: 'src/builder/main.tsx' },
  bundle: true,
  splitting: true, // elkjs is a chunk of its own, loaded when the builder first lays out
  chunkNames: 'chunk-[hash]',
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  loader: { '.png': 'file', '.svg': 'file' },
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs).map(([p, o]) => ({ url: p.replace(/^dist\//, '/ui/'), ...o }));
const entry = (src) => outputs.find((o) => o.entryPoint === src);
const assets = {
  app: { js: entry('src/main.ts').url, css: entry('src/styles.css').url },
  builder: { js: entry('src/builder/main.tsx').url, css: entry('src/builder/main.tsx').cssBundle.replace(/^dist\//, '/ui/') },
};
for (const [name, page] of Object.entries(pages)) {
  const html = readFileSync(page, 'utf8').replace('%APP_JS%', assets[name].js).replace('%APP_CSS%', assets[name].css);
  writeFileSync(`dist/${page}`, html);
}
const kb = (url) => Math.round(outputs.find((o) => o.url === url).bytes / 1024);
console.log(`ui: ${outputs.length} files in dist/; dashboard ${kb(assets.app.js)} KiB, builder ${kb(assets.builder.js)} KiB + ${kb(assets.builder.css)} KiB css`);
