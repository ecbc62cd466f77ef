export async function login(tokenEndpoint: string, body: URLSearchParams) {
  const res = await fetch(tokenEndpoint, { method: "POST", body });
  if (!res.ok) {
    console.error("token request failed", await res.text());
    throw new Error(`token request failed: ${res.status}`);
  }
  const tokens = await res.json();
  console.log("token expires in", tokens.expires_in);
  return tokens;
}
