// Preloaded with `node --require` in tests: any attempt to open a socket, resolve a name or fetch fails loudly.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');
function deny(what) {
  return () => {
    process.stderr.write(`NETWORK ACCESS ATTEMPTED: ${what}\n`);
    process.exit(99);
  };
}
net.connect = net.createConnection = deny('net.connect');
net.Socket.prototype.connect = deny('net.Socket.connect');
tls.connect = deny('tls.connect');
dns.lookup = dns.resolve = dns.resolve4 = dns.resolve6 = deny('dns');
dns.promises.lookup = dns.promises.resolve = deny('dns.promises');
globalThis.fetch = deny('fetch');
