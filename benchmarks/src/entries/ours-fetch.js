// Ours for a browser app that calls the API with its own code rather than the generated operations: it signs in
// (the session in localStorage), then makes its call through auth.fetch, which sends the token, renews it, replays a
// 401 and retries. The sign-in answers are validated; the app's own call is parsed as it comes.
import { createDocSpaceAuth, webStorageStore } from '@docspace/auth-helpers';

export async function run(baseUrl, userName, password, getCode) {
  const auth = createDocSpaceAuth({ baseUrl, store: webStorageStore(localStorage), secondFactor: () => getCode() });
  await auth.login({ userName, password });
  const response = await auth.fetch('/api/2.0/people/@self');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()).response.displayName;
}
