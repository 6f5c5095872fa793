#!/usr/bin/env node
// The `docspace-spec-update` command (`pnpm spec:update` at the repository root): runs the build of
// src/spec-update.ts. The root script builds this package first (turbo), so dist/ is there.
import { specUpdate } from '../dist/spec-update.js';

process.exitCode = specUpdate(process.argv.slice(2));
