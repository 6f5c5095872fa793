// Ours, as a browser app uses it: createDocSpaceAuth keeps the session in localStorage, signs in (one or two
// requests), then makes one authorised call through auth.client. Responses are validated (valibot), as every
// @docspace/auth-client operation does.
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, webStorageStore } from '@docspace/auth-helpers';

export async function run(baseUrl, userName, password, getCode) {
  const auth = createDocSpaceAuth({ baseUrl, store: webStorageStore(localStorage), secondFactor: () => getCode() });
  await auth.login({ userName, password });
  const { data } = await getSelfProfile({ client: auth.client, throwOnError: true });
  return data.response.displayName;
}
