// axios: axios.create({ baseURL }).
import axios from 'axios';

export async function run(baseUrl, userName, password, getCode) {
  const client = axios.create({ baseURL: baseUrl });
  const credentials = { userName, password };
  let answer = (await client.post('/api/2.0/authentication', credentials)).data.response;
  if (!answer.token && (answer.tfa || answer.sms)) {
    const code = await getCode();
    answer = (await client.post(`/api/2.0/authentication/${encodeURIComponent(code)}`, { ...credentials, code })).data
      .response;
  }
  const me = await client.get('/api/2.0/people/@self', { headers: { Authorization: `Bearer ${answer.token}` } });
  return me.data.response.displayName;
}
