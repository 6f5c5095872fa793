// The time left of a brute-force block. The portal does not say it: its answer is the same 403 for the whole block
// (60 s by default, from the attempt that set it; attempts during the block do not extend it). So the first blocked
// answer this machine sees for a user is remembered (config.json), and later ones count down from it instead of
// saying "60 s" every time. It is an upper bound: the block may have started before this machine saw it.
import { readConfig, updateConfig } from './config.js';

/** The portal's default block time (`LoginSettings.BlockTime`). */
export const BLOCK_MS = 60_000;

const keyOf = (portal: string, user: string) => `${portal} ${user.trim().toLowerCase()}`;

/** Records a blocked answer for `user` on `portal` now, and returns the ms of the block left. */
export async function blockTimeLeft(dir: string, portal: string, user: string, now = Date.now()): Promise<number> {
  const blocks = { ...readConfig(dir).blocks };
  const key = keyOf(portal, user);
  const since = Date.parse(blocks[key] ?? '');
  // A block seen earlier and not over yet: the same block. Otherwise a new one starts now.
  const start = Number.isFinite(since) && now - since < BLOCK_MS ? since : now;
  // Forget blocks that are over, and keep this one.
  for (const [k, at] of Object.entries(blocks)) if (!(now - Date.parse(at) < BLOCK_MS)) delete blocks[k];
  blocks[key] = new Date(start).toISOString();
  await updateConfig(dir, { blocks }).catch(() => undefined);
  return Math.max(1_000, start + BLOCK_MS - now);
}
