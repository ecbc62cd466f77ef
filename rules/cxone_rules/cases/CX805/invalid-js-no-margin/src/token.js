const axios = require("axios");

const ISSUER = "https://cxone.niceincontact.com";
let cached = null;
let expiresAt = 0;

async function getToken() {
  if (cached && Date.now() < expiresAt) {
    return cached;
  }
  const form = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
  const { data } = await axios.post(`${ISSUER}/auth/token`, form);
  cached = data.access_token;
  expiresAt = Date.now() + data.expires_in * 1000;  // expect: CX805
  return cached;
}

module.exports = { getToken };
