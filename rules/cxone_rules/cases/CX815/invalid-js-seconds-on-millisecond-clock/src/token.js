const ISSUER = "https://cxone.niceincontact.com";
let cached = null;
let expiresAt = 0;

async function getToken() {
  if (cached && Date.now() + 60000 < expiresAt) {
    return cached;
  }
  const body = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
  const data = await (await fetch(`${ISSUER}/auth/token`, { method: "POST", body })).json();
  cached = data.access_token;
  expiresAt = Date.now() + data.expires_in;  // expect: CX815
  return cached;
}

module.exports = { getToken };
