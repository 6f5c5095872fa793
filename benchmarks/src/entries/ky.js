// ky 2: ky.create({ prefix }) (v2 renamed prefixUrl to prefix).
import ky from 'ky';

export async function run(baseUrl, userName, password, getCode) {
  const client = ky.create({ prefix: baseUrl });
  const credentials = { userName, password };
  let answer = (await client.post('api/2.0/authentication', { json: credentials }).json()).response;
  if (!answer.token && (answer.tfa || answer.sms)) {
    const code = await getCode();
    answer = (
      await client.post(`api/2.0/authentication/${encodeURIComponent(code)}`, { json: { ...credentials, code } }).json()
    ).response;
  }
  const me = await client.get('api/2.0/people/@self', { headers: { Authorization: `Bearer ${answer.token}` } }).json();
  return me.response.displayName;
}
