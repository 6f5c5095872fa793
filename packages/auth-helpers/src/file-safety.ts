// Ownership and mode checks of the session file and its folder, on a machine shared with other users: a file another
// user owns or others can write is refused (its content may be planted), and so is a folder another user (not root)
// owns or, unless sticky like /tmp, others can write and we cannot tighten; a file others can read, or a folder of
// ours others can write, is tightened (0600, 0700) and reported. Not on Windows (no POSIX owners or modes).
import { chmod, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SessionFileError } from './file-store-error.js';

const modeText = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Checks `path` and its folder. Throws {@link SessionFileError} when either belongs to another user or the file is
 * writable by others; tightens loose modes and tells `report`. A missing file or folder passes.
 */
export async function checkSessionFileSafety(path: string, report: (message: string) => void): Promise<void> {
  const uid = process.getuid?.();
  if (uid === undefined) return;
  const folder = dirname(path);
  const inspect = async (target: string) =>
    stat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });

  const folderStat = await inspect(folder);
  // A folder others can write lets them replace the file, unless it is sticky (as /tmp is): then only its owner can.
  if (folderStat && !(folderStat.mode & 0o1000)) {
    if (folderStat.uid !== uid && folderStat.uid !== 0) {
      throw new SessionFileError(
        `the folder ${folder} belongs to another user (uid ${folderStat.uid}); the session file is not used there`,
        folder,
      );
    }
    if (folderStat.mode & 0o022) {
      if (folderStat.uid !== uid) {
        throw new SessionFileError(
          `the folder ${folder} is writable by other users (mode ${modeText(folderStat.mode)}); the session file is not used there`,
          folder,
        );
      }
      await chmod(folder, 0o700);
      report(`the folder ${folder} was writable by other users (mode ${modeText(folderStat.mode)}); it is now 0700`);
    }
  }
  const fileStat = await inspect(path);
  if (!fileStat) return;
  if (fileStat.uid !== uid) {
    throw new SessionFileError(
      `the session file ${path} belongs to another user (uid ${fileStat.uid}); it is not used`,
      path,
    );
  }
  if (fileStat.mode & 0o022) {
    throw new SessionFileError(
      `the session file ${path} is writable by other users (mode ${modeText(fileStat.mode)}), so its sessions may not be yours; it is not used (remove it, or check it and chmod 600 it)`,
      path,
    );
  }
  if (fileStat.mode & 0o044) {
    await chmod(path, 0o600);
    report(
      `the session file ${path} was readable by other users (mode ${modeText(fileStat.mode)}); it is now 0600: sign out and in again if others may have read it`,
    );
  }
}
