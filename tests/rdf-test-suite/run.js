'use strict';
// Runs rdf-test-suite on the W3C SPARQL 1.1 Protocol, Service Description and Graph Store
// Protocol manifests kept in crates/maillage-testsuite/w3c-sparql11/, against a running server
// (see endpoint-engine.js for the RTS_* variables). Started by scripts/w3c-npm.sh.
//
//   RTS_NODE_MODULES  where rdf-test-suite is installed (required)
//   RTS_SUITE_DIR     the folder holding the manifests (default: the repository's copy)
//   RTS_MANIFESTS     which ones, comma-separated (default service-description,protocol,graph-store-protocol)
//   RTS_TESTS         regex: only the test IRIs it matches;  RTS_SKIP: regex of test IRIs to skip
//   RTS_TIMEOUT       per test, in ms (default 10000)
//   RTS_OUTPUT        detailed (default: every test, then the failures in full) or summary
//
// The manifests are read from disk only: rdf-test-suite's URL-to-file mapping (its -m option,
// Util.fetchCached) maps every URL under BASE to RTS_SUITE_DIR. Exit code 1 if a test fails.
const path = require('node:path');

const BASE = 'https://w3c.github.io/rdf-tests/sparql/sparql11/';
const nodeModules = process.env.RTS_NODE_MODULES;
if (!nodeModules) {
  console.error('RTS_NODE_MODULES is not set (run scripts/w3c-npm.sh)');
  process.exit(2);
}
const { TestSuiteRunner } = require(path.join(nodeModules, 'rdf-test-suite'));
const engine = require('./endpoint-engine');

const suiteDir = path.resolve(process.env.RTS_SUITE_DIR
  || path.join(__dirname, '../../crates/maillage-testsuite/w3c-sparql11'));
const manifests = (process.env.RTS_MANIFESTS || 'service-description,protocol,graph-store-protocol')
  .split(',').map(s => s.trim()).filter(Boolean);
// Which engine hook gives the endpoint, and the option rdf-test-suite reads it from.
const HOOKS = {
  'service-description': ['startServiceDescriptionEndpoint', 'serviceDescriptionEndpoint'],
  'protocol': ['startProtocolEndpoint', 'protocolEndpoint'],
  'graph-store-protocol': ['startGraphStoreEndpoint', 'graphStoreEndpoint'],
};

// rdf-test-suite colours its output unconditionally; strip that when not on a terminal.
const out = {
  write: text => process.stdout.write(process.stdout.isTTY ? text : text.replace(/\x1B\[[0-9;]*m/gu, '')),
};

async function reachable(url) {
  try {
    await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return true;
  } catch (error) {
    console.error(`cannot reach ${url}: ${error.cause ? error.cause.message : error.message}`);
    return false;
  }
}

async function main() {
  if (!(await reachable(process.env.RTS_SPARQL || ''))) return 2;
  console.log(`endpoint: ${engine.describe()}`);
  console.log(`manifests: ${suiteDir} (offline, as ${BASE}…)\n`);
  const runner = new TestSuiteRunner();
  const rows = [];
  for (const name of manifests) {
    const hook = HOOKS[name];
    if (!hook) {
      console.error(`unknown manifest ${name} (known: ${Object.keys(HOOKS).join(', ')})`);
      return 2;
    }
    const url = `${BASE}${name}/manifest.ttl`;
    console.log(`== ${name} (${path.join(suiteDir, name, 'manifest.ttl')})`);
    const row = { name, passed: 0, failed: 0, skipped: 0, error: null, failures: [] };
    rows.push(row);
    let endpoint;
    try {
      endpoint = await engine[hook[0]]();
      const results = await runner.runManifest(url, engine, {
        cachePath: null,
        customEngingeOptions: { [hook[1]]: endpoint.endpoint }, // sic: rdf-test-suite's spelling
        exitWithStatusCode0: false,
        outputFormat: 'detailed',
        specification: undefined,
        testRegex: process.env.RTS_TESTS ? new RegExp(process.env.RTS_TESTS, 'u') : undefined,
        skipRegex: process.env.RTS_SKIP ? new RegExp(process.env.RTS_SKIP, 'u') : undefined,
        timeOutDuration: Number(process.env.RTS_TIMEOUT || 10000),
        urlToFileMapping: `${BASE}~${suiteDir}/`,
        runRejected: false,
        explicitApproval: false,
      });
      runner.resultsToText(out, results, process.env.RTS_OUTPUT === 'summary');
      for (const result of results) {
        if (result.ok) row.passed++;
        else if (result.skipped) row.skipped++;
        else {
          row.failed++;
          row.failures.push(result.test.uri.replace(/^.*#/u, ''));
        }
      }
    } catch (error) {
      row.error = error.message;
      console.error(`${name}: ${error.stack || error}`);
    } finally {
      if (endpoint) await endpoint.close();
    }
    console.log('');
  }

  console.log('== summary (rdf-test-suite 2.8.0)');
  const width = Math.max(...rows.map(r => r.name.length));
  for (const r of rows) {
    const total = r.passed + r.failed + r.skipped;
    const status = r.error ? `ERROR: ${r.error}` : `${r.passed}/${total} passed, ${r.failed} failed, ${r.skipped} skipped`;
    console.log(`${r.name.padEnd(width)}  ${status}`);
    if (r.failures.length) console.log(`${' '.repeat(width)}  failed: ${r.failures.join(' ')}`);
  }
  const sum = key => rows.reduce((n, r) => n + r[key], 0);
  const errors = rows.filter(r => r.error).length;
  const failed = sum('failed') + errors;
  const skipped = sum('skipped');
  console.log(`total: ${sum('passed')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed > 0 ? 1 : 0;
}

main().then(code => process.exit(code), error => {
  console.error(error);
  process.exit(2);
});
