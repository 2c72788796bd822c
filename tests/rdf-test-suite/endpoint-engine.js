'use strict';
// rdf-test-suite "engine" (IQueryEngine) for a SPARQL server that is already running.
//
// The SPARQL 1.1 Protocol, Service Description and Graph Store Protocol test cases of
// rdf-test-suite 2.8.0 send their HTTP requests themselves, to the URL given in the engine
// options protocolEndpoint / serviceDescriptionEndpoint / graphStoreEndpoint, or else returned by
// the engine's startProtocolEndpoint / startServiceDescriptionEndpoint / startGraphStoreEndpoint
// (node_modules/rdf-test-suite/lib/TestSuiteRunner.js, ENDPOINT_SPECIFICATIONS). This engine
// implements those three hooks from environment variables; parse/query are never called by those
// test types and refuse, so query-evaluation manifests run through it fail loudly.
//
//   RTS_SPARQL  the SPARQL endpoint (queries, and updates unless RTS_UPDATE is set)
//   RTS_UPDATE  a separate update endpoint (oxigraph: /update); a relay then joins the two
//   RTS_GSP     the Graph Store Protocol endpoint (Maillage, oxigraph: /store)
//   RTS_SD      the URL whose GET is the service description (default RTS_SPARQL)
//   RTS_TOKEN   a bearer token added to writes (through the relay)
const { startRelay } = require('./split-endpoint');

function config() {
  const sparql = process.env.RTS_SPARQL;
  if (!sparql) throw new Error('RTS_SPARQL is not set');
  return {
    sparql,
    update: process.env.RTS_UPDATE || sparql,
    gsp: process.env.RTS_GSP || undefined,
    sd: process.env.RTS_SD || sparql,
    token: process.env.RTS_TOKEN || undefined,
  };
}

// The relay is needed when updates go elsewhere than queries, or to add the token.
function needsRelay(c) {
  return c.update !== c.sparql || Boolean(c.token);
}

async function relayed(pick) {
  const c = config();
  if (!needsRelay(c)) return { endpoint: pick(c), close: async () => {} };
  const relay = await startRelay({ query: c.sparql, update: c.update, gsp: c.gsp, token: c.token });
  return { endpoint: pick({ sparql: relay.sparql, gsp: relay.gsp }), close: relay.close };
}

module.exports = {
  async parse() {
    throw new Error('endpoint-engine: parse is not implemented (only protocol, service description and graph store tests)');
  },
  async query() {
    throw new Error('endpoint-engine: query is not implemented (only protocol, service description and graph store tests)');
  },
  // The service description is read from the server itself (its sd:endpoint must match the URL).
  async startServiceDescriptionEndpoint() {
    return { endpoint: config().sd, close: async () => {} };
  },
  async startProtocolEndpoint() {
    return relayed(c => c.sparql);
  },
  async startGraphStoreEndpoint() {
    if (!config().gsp) throw new Error('RTS_GSP is not set');
    return relayed(c => c.gsp);
  },
  describe() {
    const c = config();
    return needsRelay(c)
      ? `queries ${c.sparql}, updates ${c.update}, GSP ${c.gsp || '-'} through a loopback relay${c.token ? ' (bearer token on writes)' : ''}`
      : `SPARQL ${c.sparql}, GSP ${c.gsp || '-'}`;
  },
};
