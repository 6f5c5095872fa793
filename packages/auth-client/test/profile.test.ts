// GET /api/2.0/people/@self: every profile shape the DocSpace server can write passes validation, and the
// shapes it cannot write are still reported. Shapes follow the server's EmployeeFullDto: null members are left
// out, the owner has isAdmin false, status is a value of the server's EmployeeStatus flags enumeration.
import { ValiError } from 'valibot';
import { describe, expect, it } from 'vitest';
import { getSelfProfile, type SelfProfile } from '../src/index.js';
import { recordingPortal } from './support/recording-server.js';

const { server, client } = await recordingPortal();

const links = [{ href: 'http://portal.test/api/2.0/people/@self', action: 'GET' }];
const envelope = (response: unknown) => ({ response, count: 1, links, status: 0, statusCode: 200 });

/** A profile as DocSpace 3.7 writes it for an ordinary signed-in user, member order included. */
const fullProfile = {
  firstName: 'Jane',
  lastName: 'Doe',
  userName: 'jane.doe',
  email: 'jane.doe@example.com',
  status: 1,
  activationStatus: 1,
  department: 'Sales, Support',
  groups: [{ id: '0c7a1b2e-0000-4000-8000-000000000001', name: 'Sales', manager: 'jane.doe' }],
  isAdmin: false,
  isRoomAdmin: true,
  isLDAP: false,
  isOwner: false,
  isVisitor: false,
  isCollaborator: false,
  cultureName: 'en-US',
  mobilePhone: '15550124567',
  mobilePhoneActivationStatus: 1,
  isSSO: false,
  theme: 2,
  usedSpace: 0,
  loginEventId: 0,
  registrationDate: '2024-03-09T09:52:55.0000000+00:00',
  hasPersonalFolder: true,
  id: '4c1a7f2e-93b5-4d08-a6e1-2f7c9b3d5e80',
  displayName: 'Jane Doe',
  avatar: '/static/images/default_user_photo_size_82-82.png?hash=1867293547',
  avatarOriginal: '/static/images/default_user_photo_size_200-200.png?hash=1867293547',
  avatarMax: '/static/images/default_user_photo_size_200-200.png?hash=1867293547',
  avatarMedium: '/static/images/default_user_photo_size_48-48.png?hash=1867293547',
  avatarSmall: '/static/images/default_user_photo_size_32-32.png?hash=1867293547',
  profileUrl: 'http://portal.test/accounts/people/filter?search=jane.doe%40example.com',
  hasAvatar: false,
  isAnonim: false,
};

async function fetchProfile(profile: unknown) {
  server.reply({ body: envelope(profile) });
  return getSelfProfile({ client, auth: () => 't' });
}

function without(...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fullProfile).filter(([key]) => !keys.includes(key)));
}

describe('profiles the server can write are accepted', () => {
  it('the full 3.7 profile, every member typed', async () => {
    const { data, error } = await fetchProfile(fullProfile);
    expect(error).toBeUndefined();
    const profile: SelfProfile | undefined = data?.response;
    expect(profile?.isRoomAdmin).toBe(true);
    expect(profile?.mobilePhoneActivationStatus).toBe(1);
    expect(profile?.profileUrl).toContain('search=jane.doe');
  });

  it.each([
    ['no lastName (a nullable column on PostgreSQL portals)', without('lastName')],
    [
      'no firstName and no lastName; displayName falls back to the e-mail',
      { ...without('firstName', 'lastName'), displayName: 'jane.doe@example.com' },
    ],
    ['an empty e-mail (the built-in administrator of a fresh server)', { ...fullProfile, email: '' }],
    [
      'a guest without mobile phone, culture or groups',
      { ...without('mobilePhone', 'cultureName', 'groups'), isVisitor: true, hasPersonalFolder: false },
    ],
    [
      'the trimmed shape: only the members that are always written',
      without('firstName', 'lastName', 'mobilePhone', 'cultureName', 'groups', 'usedSpace'),
    ],
  ])('%s', async (_label, profile) => {
    const { data, error } = await fetchProfile(profile);
    expect(error).toBeUndefined();
    expect(data?.response?.id).toBe(fullProfile.id);
  });

  it('the portal owner: isAdmin is false, isOwner true', async () => {
    const { data, error } = await fetchProfile({ ...fullProfile, isAdmin: false, isOwner: true });
    expect(error).toBeUndefined();
    expect(data?.response).toMatchObject({ isAdmin: false, isOwner: true });
  });

  it.each([1, 2, 4, 5, 7])('status %i (a value of the server enumeration)', async (status) => {
    const { data, error } = await fetchProfile({ ...fullProfile, status });
    expect(error).toBeUndefined();
    expect(data?.response?.status).toBe(status);
  });
});

describe('profiles the server cannot write are reported', () => {
  it.each([
    ['status 3 (no such value)', { ...fullProfile, status: 3 }],
    ['no userName (the server refuses to store such a user)', without('userName')],
    ['no email (the server stores an empty string at least)', without('email')],
    ['no displayName', without('displayName')],
    ['no isAdmin', without('isAdmin')],
    ['lastName null (null members are left out, never written)', { ...fullProfile, lastName: null }],
    ['isOwner as a string', { ...fullProfile, isOwner: 'true' }],
    ['mobilePhoneActivationStatus 2', { ...fullProfile, mobilePhoneActivationStatus: 2 }],
  ])('%s', async (_label, profile) => {
    const { data, error, response } = await fetchProfile(profile);
    expect(response?.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as Error).cause).toBeInstanceOf(ValiError);
  });

  it('an envelope without its profile', async () => {
    server.reply({ body: { count: 0, links, status: 0, statusCode: 200 } });
    const { data, error } = await getSelfProfile({ client, auth: () => 't' });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as Error).cause).toBeInstanceOf(ValiError);
  });
});
