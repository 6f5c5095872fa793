// The compile-time side of auth.client's result.error (the run-time side is call-error.test.ts): checked by
// `tsc` (the typecheck task) and by vitest's expectTypeOf. Fails if the type falls back to `unknown` again, e.g.
// when the generator adds an `unknown` status to an error map that DeclaredErrorBody no longer filters out.
import type {
  AccessRestrictedMessage,
  AuthenticateMeErrors,
  ErrorApiResponse,
  GetSelfProfileErrors,
  getSelfProfile,
} from '@docspace/auth-client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthCallError, DeclaredErrorBody, DocSpaceAuthError } from '../src/index.js';

type SelfProfileCallError = AuthCallError<GetSelfProfileErrors>;

describe('AuthCallError', () => {
  it('is the declared bodies of people/@self and DocSpaceAuthError, never unknown', () => {
    expectTypeOf<SelfProfileCallError>().not.toBeUnknown();
    expectTypeOf<SelfProfileCallError>().not.toBeAny();
    // 403: the IP-restriction text; 500: the envelope; 502/503: a proxy's page. 401, 404 and 429 have no body.
    expectTypeOf<SelfProfileCallError>().toEqualTypeOf<
      ErrorApiResponse | AccessRestrictedMessage | string | DocSpaceAuthError
    >();
  });

  it('keeps every declared body and drops only the empty answers', () => {
    expectTypeOf<DeclaredErrorBody<{ 400: { a: 1 }; 404: unknown; 503: string }>>().toEqualTypeOf<{ a: 1 } | string>();
    expectTypeOf<DeclaredErrorBody<{ 404: unknown }>>().toBeNever();
    expectTypeOf<DeclaredErrorBody<AuthenticateMeErrors>>().not.toBeUnknown();
  });

  it('narrows the result of a call as the README shows', () => {
    const narrow = (result: Awaited<ReturnType<typeof getSelfProfile<false>>>) => {
      // What the generated types say on their own: the reason this type exists.
      expectTypeOf(result.error).toBeUnknown();
      const error = result.error as SelfProfileCallError;
      if (typeof error === 'string') return expectTypeOf(error).toBeString();
      if ('code' in error) return expectTypeOf(error.code).toEqualTypeOf<DocSpaceAuthError['code']>();
      return expectTypeOf(error).toEqualTypeOf<ErrorApiResponse>();
    };
    expectTypeOf(narrow).toBeFunction();
  });
});
