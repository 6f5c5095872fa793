// The loopback server of the per-call and scale benchmarks, run as a child process (fork) so that it never shares
// an event loop with the clients it measures. It answers every request with the same people/@self envelope
// (Content-Length, keep-alive) and counts what it saw: requests, requests without `Authorization: Bearer`, and
// TCP connections. The parent talks to it over IPC: {type:'stats'} -> the counters, {type:'reset'} -> zeroes them.
import { createServer } from 'node:http';
import { PROFILE_BODY } from './profile-body.mjs';

const body = Buffer.from(PROFILE_BODY);
const headers = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(body.length),
};
const stats = { requests: 0, withoutBearer: 0, connections: 0 };

const server = createServer((req, res) => {
  stats.requests++;
  if (!req.headers.authorization?.startsWith('Bearer ')) stats.withoutBearer++;
  // Drain any request body, then answer.
  req.resume();
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.maxRequestsPerSocket = 0;
server.on('connection', () => stats.connections++);

server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.address().port });
});

process.on('message', (message) => {
  if (message?.type === 'stats') process.send({ type: 'stats', stats: { ...stats } });
  else if (message?.type === 'reset') {
    stats.requests = 0;
    stats.withoutBearer = 0;
    stats.connections = 0;
    process.send({ type: 'reset' });
  } else if (message?.type === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
