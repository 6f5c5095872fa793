// Runs verdaccio (the devDependency of this package) in a child process for the release test:
//
//   node registry-server.cjs <config.yaml>
//
// It listens on 127.0.0.1 at a port the OS picks (no race with other processes for a "free" port), prints
// one line `{"url":"http://127.0.0.1:<port>/"}` once it accepts connections, and exits when its standard input
// closes, so that it never outlives the test process, even one that was killed.
'use strict';
const { runServer } = require('verdaccio');

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node registry-server.cjs <config.yaml>');
  process.exit(2);
}

let server;
function stop(code) {
  if (!server) process.exit(code);
  server.close(() => process.exit(code));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(code), 2000).unref();
}

process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
process.stdin.resume();
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

runServer(configPath).then(
  (app) => {
    server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/` })}\n`);
    });
    server.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
