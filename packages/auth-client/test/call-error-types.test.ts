// The compile-time side of result.error (the run-time side: non-json.test.ts, runtime.test.ts): checked by `tsc`
// (the typecheck task) and by vitest's expectTypeOf. Fails if the type at the call site falls back to `unknown`,
// e.g. when the generator adds an `unknown` status that DeclaredErrorBody no longer filters out, or when the
// generated operations stop using our runtime's RequestResult.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AccessRestrictedMessage,
  type AuthenticateMeErrors,
  type CallError,
  type DeclaredErrorBody,
  type DocSpaceAuthError,
  type ErrorApiResponse,
  type GetSelfProfileErrors,
  type GetSelfProfileResponse,
  getSelfProfile,
} from '../src/index.js';

type SelfProfileError = ErrorApiResponse | AccessRestrictedMessage | string | DocSpaceAuthError;

describe('result.error at the call site', () => {
  it('is the declared bodies of people/@self and DocSpaceAuthError, with no cast', () => {
    const call = async () => {
      const result = await getSelfProfile();
      expectTypeOf(result.error).not.toBeUnknown();
      // 403: the IP-restriction text; 500: the envelope; 502/503: a proxy's page. 401, 404 and 429 have no body.
      expectTypeOf(result.error).toEqualTypeOf<SelfProfileError | undefined>();
      if (result.error === undefined) {
        expectTypeOf(result.data).toEqualTypeOf<GetSelfProfileResponse>();
        return;
      }
      expectTypeOf(result.data).toBeUndefined();
      const { error } = result;
      if (typeof error === 'string') return expectTypeOf(error).toBeString();
      if ('code' in error) return expectTypeOf(error.code).toEqualTypeOf<DocSpaceAuthError['code']>();
      return expectTypeOf(error).toEqualTypeOf<ErrorApiResponse>();
    };
    expectTypeOf(call).toBeFunction();
  });

  it('with throwOnError the result has data and no error', () => {
    const call = async () => {
      const { data, error } = await getSelfProfile({ throwOnError: true });
      expectTypeOf(data).toEqualTypeOf<GetSelfProfileResponse>();
      expectTypeOf(error).toEqualTypeOf<undefined>();
    };
    expectTypeOf(call).toBeFunction();
  });

  it('CallError names the same union; DeclaredErrorBody keeps every declared body and drops the empty ones', () => {
    expectTypeOf<CallError<GetSelfProfileErrors>>().toEqualTypeOf<SelfProfileError>();
    expectTypeOf<DeclaredErrorBody<{ 400: { a: 1 }; 404: unknown; 503: string }>>().toEqualTypeOf<{ a: 1 } | string>();
    expectTypeOf<DeclaredErrorBody<{ 404: unknown }>>().toBeNever();
    expectTypeOf<DeclaredErrorBody<AuthenticateMeErrors>>().not.toBeUnknown();
  });
});
