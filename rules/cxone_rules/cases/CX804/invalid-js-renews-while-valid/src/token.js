const axios = require("axios");

const ISSUER = "https://cxone.niceincontact.com";
let cached = null;
let expiresAt = 0;

async function refresh() {
  const form = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
  const { data } = await axios.post(`${ISSUER}/auth/token`, form);
  cached = data.access_token;
  expiresAt = Date.now() + (data.expires_in - 60) * 1000;
  return cached;
}

async function getToken() {
  if (Date.now() < expiresAt) {  // expect: CX804
    return refresh();
  }
  return cached;
}

module.exports = { getToken };
