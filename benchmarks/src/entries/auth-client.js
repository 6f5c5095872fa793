// The generated client of @docspace/auth-client without the helpers (responses validated, as always).
import {
  authenticateMe,
  authenticateMeFromBodyWithCode,
  createDocSpaceClient,
  getSelfProfile,
} from '@docspace/auth-client';

export async function run(baseUrl, userName, password, getCode) {
  const client = createDocSpaceClient({ baseUrl });
  const credentials = { userName, password };
  let answer = (await authenticateMe({ client, body: credentials, throwOnError: true })).data.response;
  if (!answer.token && (answer.tfa || answer.sms)) {
    const code = await getCode();
    const second = await authenticateMeFromBodyWithCode({
      client,
      path: { code },
      body: { ...credentials, code },
      throwOnError: true,
    });
    answer = second.data.response;
  }
  const token = answer.token;
  const { data } = await getSelfProfile({ client, auth: () => token, throwOnError: true });
  return data.response.displayName;
}
