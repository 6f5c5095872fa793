import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Makes the folder's entries (a rename into it) durable; a platform that cannot sync a folder (Windows) skips it. */
async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `content` to `path` the way the file store writes its session file: to a temporary file in the same
 * folder, flushed to the disk (fsync), then renamed over `path`, and the folder flushed too, so a reader sees the old
 * content or the new, never half of it, and a crash or power cut right after leaves one of the two. The file gets
 * mode 0600 (exactly, whatever the umask), a missing folder mode 0700. The temporary file is removed when the write
 * fails; one left by a process killed mid-write (`.<name>.<pid>.<random>.tmp`) is removed by the file store's next
 * write. Use it for a file that lives beside the session file. It does not serialise writers: two processes writing
 * at once each leave a whole file, the last wins.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { randomBytes } = await import('node:crypto'); // loaded on the first write: importing stays cheap
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temporary, 'wx', 0o600);
    await handle.chmod(0o600); // the mode argument is filtered by the umask; make it exact
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(Boolean);
    await unlink(temporary).catch(Boolean); // Boolean: a temporary file already gone is fine
    throw error;
  }
  await syncFolder(folder);
}
