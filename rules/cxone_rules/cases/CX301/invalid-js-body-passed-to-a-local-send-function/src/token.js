// Every token call goes through one helper; the body is built by each caller.
async function requestToken(tokenEndpoint, body) {
  const res = await fetch(tokenEndpoint, { method: "POST", body });  // expect: CX301
  if (!res.ok) throw new Error(`token request failed: ${res.status}`);
  return res.json();
}

export function signIn(discovery) {
  return requestToken(
    discovery.token_endpoint,
    new URLSearchParams({
      grant_type: "password",
      username: process.env.CXONE_ACCESS_KEY_ID,
      password: process.env.CXONE_ACCESS_KEY_SECRET,
      client_id: process.env.CXONE_CLIENT_ID,
      client_secret: process.env.CXONE_CLIENT_SECRET,
    }),
  );
}
