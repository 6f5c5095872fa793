import { describeAccount } from '../accounts.js';
import { activate } from '../active-account.js';
import type { CommonOptions } from '../args.js';
import { updateConfig } from '../config.js';
import { noteEnvApiKey } from '../env-api-key.js';
import { CliError, notSignedIn, usageError } from '../errors.js';
import { resolveTarget } from '../target.js';
import { palette, printJson, say } from '../ui.js';

/**
 * `docspace-auth switch [--portal URL] [--user NAME]`: makes a saved account the active one of its portal, and its
 * portal the default. Without --user: the portal's other account when it has exactly two (like `gh auth switch`),
 * otherwise a choice at a terminal (a usage error listing the accounts without one). With DOCSPACE_API_KEY set it
 * switches all the same and notes that the key, not the account, is what the other commands use meanwhile.
 */
export async function run(options: CommonOptions): Promise<number> {
  const target = resolveTarget(options);
  if (target.accounts.length === 0) throw notSignedIn('no saved accounts');
  let account = target.account;
  const given = options.user ?? (process.env.DOCSPACE_USER?.trim() || undefined);
  if (given !== undefined && !account) {
    throw notSignedIn(
      `no saved account matches "${given}"${options.portal ? ` on ${target.portal}` : ''}`,
      'see `docspace-auth status` for the saved accounts, or run `docspace-auth login`',
    );
  }
  if (given === undefined) {
    const onPortal = target.accounts.filter((a) => a.portal === target.portal);
    if (target.accounts.length === 1)
      account = target.accounts[0]; // nothing else to switch to: it stays active
    else if (options.portal === undefined && onPortal.length === 2) account = onPortal.find((a) => !a.active);
    else if (options.portal !== undefined) account = onPortal.find((a) => a.active) ?? onPortal[0];
    else if (process.stdin.isTTY === true) {
      const { choose } = await import('../prompts.js');
      const current = target.account ?? target.accounts.find((a) => a.active);
      account = await choose(
        'Switch to which account?',
        target.accounts.map((a) => ({
          value: a,
          label: `${describeAccount(a)}  ${a.portal}`,
          ...(a === current ? { hint: 'active now' } : a.active ? { hint: 'active on its portal' } : {}),
        })),
        current,
      );
    } else {
      throw usageError(
        'say which account to switch to',
        `give --user NAME (user name, e-mail or display name) and, if needed, --portal URL; saved accounts:\n${target.accounts
          .map((a) => `    ${a.active ? '*' : ' '} ${a.portal}  ${describeAccount(a)}`)
          .join('\n')}`,
      );
    }
    if (!account) throw notSignedIn(`no saved account on ${target.portal}`);
  }
  if (!account) throw new CliError('unexpected', 'no account');
  await activate(target.file, account.portal, account.key);
  await updateConfig(target.dir, { portal: account.portal, user: account.userName });
  noteEnvApiKey('the account switched to');
  if (options.json) {
    printJson({ portal: account.portal, user: account.userName, active: true });
  } else {
    const { green, bold } = palette(process.stdout);
    say(`${green('✓')} Switched to ${bold(describeAccount(account))} on ${bold(account.portal)}`);
  }
  return 0;
}
