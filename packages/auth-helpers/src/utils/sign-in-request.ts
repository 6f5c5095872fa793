// The sign-in requests of the DocSpace API: `POST /api/2.0/authentication` and `POST /api/2.0/authentication/{code}`
// (and `/sendsms`, `/setphone`, `/confirm`). The portal lets anyone call them, and a 401 there refuses the
// credentials or the code, not a token: they never carry the session token, so a 401 never ends the session.

const SIGN_IN_PATH = /^\/api\/2\.0\/authentication(\/(?!logout\/?$)[^/]+)?\/?$/i;

/** Whether a request to `pathname` (the part after the portal address) is a sign-in request. */
export function isSignInRequest(method: string, pathname: string): boolean {
  return method.toUpperCase() === 'POST' && SIGN_IN_PATH.test(pathname);
}
