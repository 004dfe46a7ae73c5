// Build the hub's web assets into dist/ (served by the API at /assets/; see docs/WEB.md).
//
// Run after `npm ci`: `node build.mjs`. GOV.UK Frontend and MOJ Frontend ship compiled
// JavaScript, copied as it is; the staff pages' drawings (src/network.mjs with Cytoscape.js,
// src/trends.mjs with Chart.js) are bundled by esbuild, Chart.js tree-shaken to the line chart.
// The design systems' Sass is compiled here so that the CSS carries the hub's settings
// (src/_settings.scss: no GDS Transport font, which a service not on a GOV.UK domain must not
// use). Their fonts and GOV.UK brand images (crown, crest, GOV.UK favicons) are not copied, and
// the build fails if the CSS refers to GDS Transport or to a file dist/ does not hold.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as sass from 'sass';

const root = dirname(fileURLToPath(import.meta.url));
const modules = join(root, 'node_modules');
const out = join(root, 'dist');
const govuk = join(modules, 'govuk-frontend', 'dist', 'govuk');
const moj = join(modules, '@ministryofjustice', 'frontend', 'moj');
// MOJ Frontend's images that are the GOV.UK brand, not MOJ icons.
const BRAND_IMAGES = new Set(['govuk-logotype-crown.png']);
// Brand images the compiled CSS names but the hub's pages never show, so dist/ leaves them
// out: the crown copyright crest of GOV.UK's footer (.govuk-footer__copyright-logo), a class
// the hub's own footer does not use (pages/templates/layout.html).
const UNUSED_BRAND_URLS = new Set(['/assets/images/govuk-crest.svg']);

function compile(source, target) {
  const result = sass.compile(join(root, 'src', source), {
    loadPaths: [modules, root],
    style: 'compressed',
    quietDeps: true, // the design systems' own deprecation notices, not ours to fix
    silenceDeprecations: ['import', 'global-builtin', 'if-function'],
  });
  writeFileSync(join(out, target), result.css);
  return result.css;
}

function check(name, css) {
  if (/GDS Transport/i.test(css)) {
    throw new Error(`${name} refers to the GDS Transport font`);
  }
  for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    if (/^(data:|#)/.test(url)) continue;
    if (UNUSED_BRAND_URLS.has(url)) continue;
    if (!url.startsWith('/assets/')) {
      throw new Error(`${name} refers to ${url}, outside /assets/`);
    }
    if (!existsSync(join(out, url.slice('/assets/'.length)))) {
      throw new Error(`${name} refers to ${url}, which dist/ does not hold`);
    }
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'images'), { recursive: true });
for (const file of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) {
  cpSync(join(govuk, file), join(out, file));
}
for (const file of ['moj-frontend.min.js', 'moj-frontend.min.js.map']) {
  cpSync(join(moj, file), join(out, file));
}
cpSync(join(moj, 'assets', 'images'), join(out, 'images'), {
  recursive: true,
  filter: (path) => !BRAND_IMAGES.has(path.split('/').pop()),
});
for (const file of ['js-enabled.js', 'init.mjs', 'favicon.svg', 'staff-views.css']) {
  cpSync(join(root, 'src', file), join(out, file));
}
// GraphiQL for developers (GET /graphql outside production), from npm: React 18's UMD builds and
// GraphiQL's, mounted by src/graphiql-init.js.
mkdirSync(join(out, 'graphiql'), { recursive: true });
for (const [from, file] of [
  [join(modules, 'react', 'umd'), 'react.production.min.js'],
  [join(modules, 'react-dom', 'umd'), 'react-dom.production.min.js'],
  [join(modules, 'graphiql'), 'graphiql.min.js'],
  [join(modules, 'graphiql'), 'graphiql.min.css'],
  [join(root, 'src'), 'graphiql-init.js'],
]) {
  cpSync(join(from, file), join(out, 'graphiql', file));
}
// The staff pages' drawings: one ES module each, their libraries inside, nothing fetched.
await build({
  entryPoints: ['network.mjs', 'trends.mjs'].map((file) => join(root, 'src', file)),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  logLevel: 'warning',
});
const built = {
  'govuk-frontend.css': compile('govuk.scss', 'govuk-frontend.css'),
  'moj-frontend.css': compile('moj.scss', 'moj-frontend.css'),
};
for (const [name, css] of Object.entries(built)) {
  check(name, css);
}
const packages = [
  'govuk-frontend',
  '@ministryofjustice/frontend',
  'graphiql',
  'react',
  'cytoscape',
  'chart.js',
];
const versions = Object.fromEntries(
  packages.map((name) => [
    name,
    JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version,
  ]),
);
writeFileSync(join(out, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
console.log(`web assets built in ${out}: ${JSON.stringify(versions)}`);
