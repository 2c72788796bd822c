'use strict';
// A loopback HTTP relay in front of the endpoint under test, used by endpoint-engine.js only when
// it is needed:
// - the W3C Protocol manifest sends queries AND updates to one URL (`/sparql/` in the manifest);
//   a server with separate query and update URLs (oxigraph: /query and /update) gets the relay,
//   which sends each request to the query or the update URL;
// - rdf-test-suite sends no credentials; with a write token, the relay adds
//   `Authorization: Bearer TOKEN` to writes (updates, GSP requests other than GET/HEAD), as
//   crates/maillage-testsuite does.
// Requests and answers pass through unchanged otherwise (raw body bytes, status, headers; no
// redirect is followed; one connection per request). A relative Location header is made absolute against the upstream URL,
// so that the graph IRI it names is the server's own.
const http = require('node:http');
const https = require('node:https');

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length',
]);

function mediaType(value) {
  return String(value || '').split(';')[0].trim().toLowerCase();
}

// Is this request to the SPARQL endpoint an update (SPARQL 1.1 Protocol, section 2.2)?
function isUpdate(method, search, headers, body) {
  const params = new URLSearchParams(search);
  if (method === 'POST') {
    const type = mediaType(headers['content-type']);
    if (type === 'application/sparql-update') return true;
    if (type === 'application/sparql-query') return false;
    if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body.toString('latin1'));
      return form.has('update') && !form.has('query');
    }
    // No or a wrong media type: the server must refuse it; send it where the body belongs.
    return /^\s*update=/u.test(body.toString('latin1'))
      || params.has('using-graph-uri') || params.has('using-named-graph-uri');
  }
  return params.has('update') && !params.has('query');
}

/**
 * Start a relay on 127.0.0.1 (a free port).
 * @param {{query: string, update: string, gsp?: string, token?: string}} targets
 * @return {Promise<{sparql: string, gsp: string|undefined, close: () => Promise<void>}>}
 *   sparql: the relay's SPARQL URL (…/sparql), gsp: its Graph Store URL (…/store).
 */
function startRelay(targets) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const incoming = new URL(req.url, 'http://relay');
      let upstream;
      let write;
      if (incoming.pathname === '/sparql') {
        write = isUpdate(req.method, incoming.search, req.headers, body);
        upstream = new URL((write ? targets.update : targets.query) + incoming.search);
      } else if (targets.gsp && (incoming.pathname === '/store' || incoming.pathname.startsWith('/store/'))) {
        write = req.method !== 'GET' && req.method !== 'HEAD';
        upstream = new URL(targets.gsp + incoming.pathname.slice('/store'.length) + incoming.search);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`relay: no route for ${req.url}\n`);
        return;
      }
      const headers = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(name)) headers[name] = value;
      }
      if (body.length > 0 || req.headers['content-length'] !== undefined
        || req.headers['transfer-encoding'] !== undefined) {
        headers['content-length'] = String(body.length);
      }
      if (write && targets.token && !headers.authorization) {
        headers.authorization = `Bearer ${targets.token}`;
      }
      const client = upstream.protocol === 'https:' ? https : http;
      const forward = client.request(upstream, { method: req.method, headers, agent: false }, answer => {
        const out = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (!HOP_BY_HOP.has(name) || name === 'content-length') out[name] = value;
        }
        if (out.location) out.location = new URL(out.location, upstream).href;
        res.writeHead(answer.statusCode, answer.statusMessage, out);
        answer.pipe(res);
      });
      forward.on('error', error => {
        console.error(`relay: ${req.method} ${upstream.href}: ${error.message}`);
        if (res.headersSent) {
          // A HEAD answer is complete with its headers: bytes after them (oxigraph 0.5.13 sends
          // the body of its 404 to HEAD) break the upstream connection, not this answer.
          if (req.method === 'HEAD') res.end();
          else res.destroy(error);
          return;
        }
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`relay: ${req.method} ${upstream.href}: ${error.message}\n`);
      });
      forward.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      server.unref();
      resolve({
        sparql: `${base}/sparql`,
        gsp: targets.gsp ? `${base}/store` : undefined,
        close: () => new Promise(done => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

module.exports = { startRelay, isUpdate };
