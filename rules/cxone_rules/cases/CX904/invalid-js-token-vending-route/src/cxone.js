const axios = require("axios");

const ISSUER = "https://cxone.niceincontact.com";
const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";
let cached = null;
let expiresAt = 0;

async function getToken() {
  if (!cached || Date.now() >= expiresAt) {
    const form = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
    const { data } = await axios.post(`${ISSUER}/auth/token`, form, { auth: { username: process.env.CID, password: process.env.CS } });
    cached = data.access_token;
    expiresAt = Date.now() + (data.expires_in - 60) * 1000;
  }
  return cached;
}

async function listAgents() {
  const { data } = await axios.get(`${API}/agents`, { headers: { Authorization: `Bearer ${await getToken()}` } });
  return data;
}

module.exports = { getToken, listAgents };
