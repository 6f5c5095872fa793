import { chmod, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path` the way the file store writes its session file: to a temporary file in the same
 * folder, then renamed over `path`, so a reader sees the old content or the new, never half of it. The file gets
 * mode 0600 (exactly, whatever the umask), a missing folder mode 0700. Use it for a file that lives beside the
 * session file. It does not serialise writers: two processes writing at once each leave a whole file, the last wins.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { randomBytes } = await import('node:crypto'); // loaded on the first write: importing stays cheap
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600); // the mode argument is filtered by the umask; make it exact
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
