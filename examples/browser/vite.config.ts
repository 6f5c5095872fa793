// `pnpm --filter browser-example dev`: the app on http://localhost:5173, with /api forwarded to a portal.
//   - by default, to a DocSpace emulator started here (demo users: see packages/emulator/README.md);
//   - with DOCSPACE_PORTAL=https://yourportal.onlyoffice.com, to that portal.
// The browser sees one origin, so the portal's cookies (asc_auth_key, asc_confirm_key_*) are first-party and no
// CORS is involved. A production deployment does the same with its own reverse proxy.
import { CONTROL_KEY_HEADER, type Emulator, startEmulator } from '@docspace/emulator';
import { defineConfig, type Plugin, type PreviewServer, type ProxyOptions, type ViteDevServer } from 'vite';

const portal = process.env.DOCSPACE_PORTAL;

/** Stops the emulator with the dev server and says where it is. */
function emulatorPlugin(emulator: Emulator): Plugin {
  const attach = (server: ViteDevServer | PreviewServer) => {
    server.config.logger.info(
      `  DocSpace emulator at ${emulator.url} (bob@example.com / bob-password; codes: /__emulator/totp?user=bob@example.com, /__emulator/sms)`,
    );
    server.httpServer?.on('close', () => void emulator.close());
  };
  return { name: 'docspace-emulator', configureServer: attach, configurePreviewServer: attach };
}

export default defineConfig(async ({ command }) => {
  // The control plane is on for trying the app out; only this dev server (on localhost) holds its key.
  const emulator = command === 'serve' && !portal ? await startEmulator({ controlPlane: true }) : undefined;
  const target = portal ?? emulator?.url;
  const proxy: Record<string, ProxyOptions> = {};
  if (target) {
    proxy['/api'] = portal
      ? // A real portal: present its host name, and make its cookies ones of this origin.
        { target, changeOrigin: true, cookieDomainRewrite: '' }
      : { target };
  }
  // The emulator's test-only control API (SMS outbox, current codes, clock), for trying the app out: the proxy
  // adds the emulator's key, so http://localhost:5173/__emulator/totp?user=… works in the address bar.
  if (emulator?.controlKey) {
    proxy['/__emulator'] = { target: emulator.url, headers: { [CONTROL_KEY_HEADER]: emulator.controlKey } };
  }
  return {
    server: { proxy },
    preview: { proxy },
    build: { target: 'es2022' },
    plugins: emulator ? [emulatorPlugin(emulator)] : [],
  };
});
