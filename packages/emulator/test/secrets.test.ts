/** Tokens and codes come from the CSPRNG: what one client sees says nothing about what the next one gets. */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { useEmulator } from './support/emulator.js';
import { signIn, tokenOf } from './support/http.js';

const carol = { userName: 'carol@example.com', password: 'carol-password' };

describe('secrets', () => {
  it('two emulators with the same seed hand out different tokens and SMS codes', async () => {
    const one = await useEmulator({ seed: 42 });
    const two = await useEmulator({ seed: 42 });
    const tokens = [await tokenOf(one), await tokenOf(one), await tokenOf(two), await tokenOf(two)];
    expect(new Set(tokens).size).toBe(4);
    // Same seed, same sequence of calls: the seeded generator would repeat the tokens of `one` in `two`.
    expect(tokens.slice(2)).not.toEqual(tokens.slice(0, 2));
    await signIn(one, carol);
    await signIn(two, carol);
    const codes = [one.sms.lastCodeFor('carol'), two.sms.lastCodeFor('carol')];
    expect(codes.every((code) => /^\d{6}$/.test(code ?? ''))).toBe(true);
    // 1 in a million that two random codes match; the seeded generator made them equal every time.
    expect(codes[0]).not.toBe(codes[1]);
  });

  it('the public seed does not predict tokens (it would with the seeded generator)', async () => {
    const emulator = await useEmulator();
    // What an attacker who knows `emulator.seed` computes: the seeded stream the tokens used to come from.
    const predicted = createRandom((emulator.seed ^ 0x9e3779b9) >>> 0)
      .bytes(28)
      .toString('hex');
    const token = await tokenOf(emulator);
    expect(token).toMatch(/^\+\/[A-Za-z0-9+/]{44}==$/);
    expect(Buffer.from(token, 'base64').subarray(2, 30).toString('hex')).not.toBe(predicted);

    const replay = await useEmulator({ seed: emulator.seed, unsafeDeterministicSecrets: true });
    expect(
      Buffer.from(await tokenOf(replay), 'base64')
        .subarray(2, 30)
        .toString('hex'),
    ).toBe(predicted);
  });

  it('unsafeDeterministicSecrets replays tokens and codes from the seed (and only then)', async () => {
    const one = await useEmulator({ seed: 42, unsafeDeterministicSecrets: true });
    const two = await useEmulator({ seed: 42, unsafeDeterministicSecrets: true });
    expect(await tokenOf(two)).toBe(await tokenOf(one));
    await signIn(one, carol);
    await signIn(two, carol);
    expect(two.sms.lastCodeFor('carol')).toBe(one.sms.lastCodeFor('carol'));
  });
});
