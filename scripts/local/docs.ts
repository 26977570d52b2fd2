import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

/** Swagger UI for /openapi.json, served from node_modules so it works offline. */

export const DOCS_PATH = '/docs';
const ASSETS_PREFIX = `${DOCS_PATH}/assets/`;
// Resolving package.json finds the directory without loading the 1.5 MB bundle into Node.
const ASSETS_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Evently API (local)</title>
  <link rel="stylesheet" href="${ASSETS_PREFIX}swagger-ui.css">
  <link rel="icon" type="image/png" href="${ASSETS_PREFIX}favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${ASSETS_PREFIX}swagger-ui-bundle.js"></script>
  <script src="${ASSETS_PREFIX}swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '/openapi.json',
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
    });
  </script>
</body>
</html>
`;

const sendPage = (res: ServerResponse): number => {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(PAGE),
  });
  res.end(PAGE);
  return 200;
};

const sendAsset = (res: ServerResponse, name: string): number => {
  const type = CONTENT_TYPES[extname(name)];
  const file = join(ASSETS_DIR, name);
  // The name pattern has no slashes, so nothing outside the package directory can be reached.
  if (!ASSET_NAME.test(name) || !type || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return 404;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
  createReadStream(file).pipe(res);
  return 200;
};

/** Answers /docs and its assets; returns the status, or undefined when the path is not ours. */
export const serveDocs = (method: string, pathname: string, res: ServerResponse): number | undefined => {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (pathname === DOCS_PATH || pathname === `${DOCS_PATH}/`) return sendPage(res);
  if (pathname.startsWith(ASSETS_PREFIX)) return sendAsset(res, pathname.slice(ASSETS_PREFIX.length));
  return undefined;
};
