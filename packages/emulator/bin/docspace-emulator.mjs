#!/usr/bin/env node
// The `docspace-emulator` command: loads the build (dist/cli.mjs). This file is in the source tree so that the
// package manager can link the command on a fresh clone, before anything is built (a bin pointing into dist/ made
// pnpm warn "Failed to create bin" on every install).
import '../dist/cli.mjs';
