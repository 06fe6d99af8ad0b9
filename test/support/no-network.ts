// Any connection to something other than this machine fails the test: fakes listen on 127.0.0.1.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number; path?: string } | number | string;
  let host: string | undefined;
  if (typeof options === 'object' && options !== null) {
    if (!options.path) host = options.host ?? 'localhost';
  } else if (typeof options === 'number') {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`Blocked outbound connection to ${host} in tests: only 127.0.0.1 fakes may be reached.`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
