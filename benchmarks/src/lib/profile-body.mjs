// The fixed answer of the per-call benchmarks: a `GET /api/2.0/people/@self` envelope shaped exactly like the
// emulator's (and the portal's), which validates against spec/openapi.yaml (checked by the bench before it runs).
export const PROFILE_PATH = '/api/2.0/people/@self';

export const PROFILE_BODY = JSON.stringify({
  response: {
    id: 'a11ce000-0000-4000-8000-000000000001',
    userName: 'alice',
    email: 'alice@example.com',
    displayName: 'Alice Anderson',
    firstName: 'Alice',
    lastName: 'Anderson',
    isAdmin: true,
    status: 1,
  },
  count: 1,
  links: [{ href: 'http://127.0.0.1/api/2.0/people/@self', action: 'GET' }],
  status: 0,
  statusCode: 200,
});

/** A token shaped like the portal's (Base64 with `+`, `/` and `=`). */
export const TOKEN = 'bench+token/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
