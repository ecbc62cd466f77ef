export async function fetchToken(discovery: { token_endpoint: string }): Promise<string> {
  const form = new URLSearchParams();
  form.append("grant_type", "password");
  form.append("username", process.env.CXONE_ACCESS_KEY_ID ?? "");
  form.append("password", process.env.CXONE_ACCESS_KEY_SECRET ?? "");
  form.append("client_id", process.env.CXONE_CLIENT_ID ?? "");
  form.append("client_secret", process.env.CXONE_CLIENT_SECRET ?? "");
  const response = await fetch(discovery.token_endpoint, { method: "POST", body: form });  // expect: CX301
  return (await response.json()).access_token;
}
