// The floor: the same flow with nothing but fetch.
export async function run(baseUrl, userName, password, getCode) {
  const call = async (path, init) => {
    const response = await fetch(baseUrl + path, init);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()).response;
  };
  const post = (path, body) =>
    call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const credentials = { userName, password };
  let answer = await post('/api/2.0/authentication', credentials);
  if (!answer.token && (answer.tfa || answer.sms)) {
    const code = await getCode();
    answer = await post(`/api/2.0/authentication/${encodeURIComponent(code)}`, { ...credentials, code });
  }
  const me = await call('/api/2.0/people/@self', { headers: { Authorization: `Bearer ${answer.token}` } });
  return me.displayName;
}
