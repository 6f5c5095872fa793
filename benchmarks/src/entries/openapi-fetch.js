// openapi-fetch: createClient() and typed paths (plain JS here, so no generated types; same output).
import createClient from 'openapi-fetch';

export async function run(baseUrl, userName, password, getCode) {
  const client = createClient({ baseUrl });
  const credentials = { userName, password };
  const first = await client.POST('/api/2.0/authentication', { body: credentials });
  if (first.error) throw new Error(`HTTP ${first.response.status}`);
  let answer = first.data.response;
  if (!answer.token && (answer.tfa || answer.sms)) {
    const code = await getCode();
    const second = await client.POST('/api/2.0/authentication/{code}', {
      params: { path: { code } },
      body: { ...credentials, code },
    });
    if (second.error) throw new Error(`HTTP ${second.response.status}`);
    answer = second.data.response;
  }
  const me = await client.GET('/api/2.0/people/@self', { headers: { Authorization: `Bearer ${answer.token}` } });
  if (me.error) throw new Error(`HTTP ${me.response.status}`);
  return me.data.response.displayName;
}
