#!/usr/bin/env node
// The `docspace-auth` command: loads the build (dist/cli.cjs). This file is in the source tree so that the package
// manager can link the command on a fresh clone, before anything is built (a bin pointing into dist/ made pnpm warn
// "Failed to create bin" on every install). CommonJS, like the build, for the start-up time of `docspace-auth token`.
require('../dist/cli.cjs');
