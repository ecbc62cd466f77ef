const ISSUER = "https://cxone.niceincontact.com";
export const TOKEN_URL = `${ISSUER}/auth/token`;

export async function login(): Promise<any> {
  const body = new URLSearchParams({
    grant_type: "password",
    username: process.env.CXONE_ACCESS_KEY_ID ?? "",
    password: process.env.CXONE_ACCESS_KEY_SECRET ?? "",
  });
  const basic = btoa(`${process.env.CXONE_CLIENT_ID}:${process.env.CXONE_CLIENT_SECRET}`);
  const res = await fetch(TOKEN_URL, { method: "POST", headers: { Authorization: `Basic ${basic}` }, body });
  return res.json();
}

export async function refresh(refreshToken: string) {
  const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: process.env.CXONE_CLIENT_ID ?? "" });
  const res = await fetch(TOKEN_URL, { method: "POST", body });  // expect: CX808
  return res.json();
}
