// What a sign-in takes and gives: the caller's input, what the instance provides, and the outcome. Shared by
// login.ts (step one) and second-factor.ts (step two).
import type { Client } from '@docspace/auth-client';
import type { SecondFactorChallenge, SecondFactorKind } from './challenge.js';
import type { Session } from './session.js';

/** What `auth.login()` and the `credentials()` callback provide. */
export interface LoginInput {
  userName: string;
  password: string;
  /** The second-factor code, when already known (it is used once, for this sign-in). */
  code?: string | undefined;
  /** A Base32 authenticator-app secret to compute the code from (overrides the `totpSecret` option). */
  totpSecret?: string | undefined;
  /**
   * Ask for a browser-session token (`session: true` on the wire): the portal then reports no expiry.
   * Default `false`.
   */
  session?: boolean | undefined;
  /** Cancels the sign-in, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /**
   * How many codes the `secondFactor` callback may offer when the portal refuses one (`invalid_code`): it is called
   * again with `challenge.attempt` counting up, without signing in again (so no new SMS is sent). Default 1.
   */
  codeAttempts?: number | undefined;
}

export interface LoginContext {
  client: Client;
  portal: string;
  now: () => number;
  totpSecret: string | undefined;
  secondFactor: ((challenge: SecondFactorChallenge) => string | Promise<string>) | undefined;
  onChallenge: (kind: SecondFactorKind) => void;
  /** Longest token accepted (`limits.maxTokenLength`). */
  maxTokenLength: number;
}

export interface LoginOutcome {
  session: Session;
  secondFactor: SecondFactorKind | 'none';
}
