// What the results were measured on and with.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

const benchRoot = new URL('../../', import.meta.url);
const repoRoot = new URL('../', benchRoot);

const versionOf = (packageJson) => JSON.parse(readFileSync(packageJson, 'utf8')).version;
const installed = (name) => versionOf(new URL(`node_modules/${name}/package.json`, benchRoot));

/** Pinned peers (devDependencies of this package) and the tools behind ours, with their installed versions. */
export function versions() {
  const authClient = JSON.parse(readFileSync(new URL('packages/auth-client/package.json', repoRoot), 'utf8'));
  return {
    node: process.version,
    'openapi-fetch': installed('openapi-fetch'),
    axios: installed('axios'),
    ky: installed('ky'),
    valibot: installed('valibot'),
    esbuild: installed('esbuild'),
    autocannon: installed('autocannon'),
    '@hey-api/openapi-ts (generates auth-client)': authClient.devDependencies['@hey-api/openapi-ts'],
    '@docspace/auth-client': authClient.version,
    '@docspace/auth-helpers': installed('@docspace/auth-helpers'),
    '@docspace/cli': installed('@docspace/cli'),
    '@docspace/emulator': installed('@docspace/emulator'),
  };
}

export function machine() {
  const list = cpus();
  return {
    platform: `${platform()} ${release()}`,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    load: loadavg().map((value) => Number(value.toFixed(2))),
  };
}
