const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";
export async function token(basic) {
  const res = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { Authorization: "Basic " + basic },
    body: new URLSearchParams({ grant_type: "client_credentials" }),  // expect: CX303
  });
  return (await res.json()).access_token;
}
