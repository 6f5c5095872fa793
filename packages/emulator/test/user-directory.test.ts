import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { UserDirectory } from '../src/user-directory.js';
import { demoUsers, validateUsers } from '../src/index.js';

const directory = () => new UserDirectory(validateUsers(demoUsers), createRandom(1));
const ALICE_ID = 'a11ce000-0000-4000-8000-000000000001';

describe('the user directory', () => {
  it('finds a user by email, user name or id, ignoring case and surrounding spaces', () => {
    const users = directory();
    for (const login of [
      'alice@example.com',
      ' ALICE@Example.com ',
      'alice',
      'Alice',
      ALICE_ID,
      ALICE_ID.toUpperCase(),
    ]) {
      expect(users.find(login)?.email, login).toBe('alice@example.com');
    }
    expect(users.find('nobody')).toBeUndefined();
  });

  it('reads a sign-in name as the server does: an id when it is a GUID, else an email (never a user name)', () => {
    const users = directory();
    expect(users.bySignInName(` ${ALICE_ID.toUpperCase()} `)?.userName).toBe('alice');
    expect(users.bySignInName('Bob@Example.com')?.userName).toBe('bob');
    expect(users.bySignInName('bob')).toBeUndefined();
  });

  it('looks up by email, by id and by API key separately', () => {
    const users = directory();
    expect(users.byEmail('carol@example.com')?.userName).toBe('carol');
    expect(users.byEmail('carol')).toBeUndefined();
    expect(users.byId(ALICE_ID)?.userName).toBe('alice');
    expect(users.byId('alice@example.com')).toBeUndefined();
    expect(users.byApiKey('sk-alice-demo-key')?.userName).toBe('alice');
    expect(users.byApiKey('sk-unknown')).toBeUndefined();
  });

  it('require() names an unknown user', () => {
    expect(() => directory().require('nobody')).toThrow('no user "nobody"');
  });

  it('add() validates, refuses a taken email, id or user name, and makes the user findable', () => {
    const users = directory();
    expect(() => users.add({ email: 'x', password: 'p' })).toThrow('user[0].email: must be an email address');
    expect(() => users.add({ email: 'ALICE@example.com', password: 'p' })).toThrow(
      'a user "ALICE@example.com" already exists',
    );
    expect(() => users.add({ email: 'new@example.com', password: 'p', userName: 'bob' })).toThrow(
      'a user "bob" already exists',
    );
    const added = users.add({ email: 'frank@example.com', password: 'frank-password', apiKeys: ['sk-frank'] });
    expect(added).toMatchObject({ userName: 'frank', displayName: 'Frank', secondFactor: { type: 'none' } });
    expect(users.byApiKey('sk-frank')?.id).toBe(added.id);
    expect(users.list()).toHaveLength(6);
  });

  it('update() changes the record the look-ups return, validating the changes', () => {
    const users = directory();
    expect(() => users.update('alice', { apiKeys: ['bad'] })).toThrow(
      'changes[0].apiKeys[0]: must be a string starting with "sk-"',
    );
    users.update('alice', {
      password: 'new-password',
      apiKeys: ['sk-new'],
      secondFactor: { type: 'sms', phone: '+1 555 0100', phoneActivated: true },
    });
    const alice = users.find('alice')!;
    expect(alice).toMatchObject({
      password: 'new-password',
      apiKeys: ['sk-new'],
      phone: '15550100',
      phoneActivated: true,
    });
    expect(users.byApiKey('sk-alice-demo-key')).toBeUndefined();
    expect(users.update('alice', { secondFactor: null }).secondFactor).toEqual({ type: 'none' });
  });
});
