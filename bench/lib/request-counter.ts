import { type IncomingMessage, Server, type ServerResponse } from 'node:http';

/**
 * A preload (`node --import tsx --import ./bench/lib/request-counter.ts <service>`) that counts,
 * without touching the service's code, the POST requests an HTTP service answers and, when the
 * service uses the embedded store, the store calls it makes. GET /__bench/requests answers
 * `{"count":n,"storeCalls":m,"pid":p}` (storeCalls null when it cannot count them) and POST
 * /__bench/requests/reset zeroes both. The harness loads it into the hub's subgraphs to report
 * subgraph fetches and store calls per gateway request.
 */
let count = 0;
let storeCalls: number | null = null;

// Store calls: wrap the embedded store's collection methods (the same module instance the
// service imports, so every collection is counted). Index creation at start-up is not a call.
try {
  const { EmbeddedCollection } = (await import('../../store/embedded.ts')) as unknown as { EmbeddedCollection?: { prototype: Record<string, unknown> } };
  if (EmbeddedCollection) {
    storeCalls = 0;
    for (const method of ['find', 'countDocuments', 'aggregate', 'insertOne', 'updateOne', 'bulkWrite', 'deleteOne', 'deleteMany', 'findOne']) {
      const original = EmbeddedCollection.prototype[method];
      if (typeof original !== 'function') continue;
      EmbeddedCollection.prototype[method] = function (this: unknown, ...args: unknown[]) {
        storeCalls = (storeCalls ?? 0) + 1;
        return Reflect.apply(original, this, args) as unknown;
      };
    }
  }
} catch {
  storeCalls = null;
}

const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    if (req.url === '/__bench/requests' || req.url === '/__bench/requests/reset') {
      if (req.method === 'POST') {
        count = 0;
        if (storeCalls !== null) storeCalls = 0;
      }
      req.resume();
      // The pid tells the harness the answer is from the process it started, not from another
      // process that took the same port first (the harness picks free ports, other runs may too).
      const body = JSON.stringify({ count, storeCalls, pid: process.pid });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    if (req.method === 'POST') count++;
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof Server.prototype.emit;
