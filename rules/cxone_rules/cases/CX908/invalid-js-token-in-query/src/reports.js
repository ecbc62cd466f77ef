const { getToken } = require("./cxone");

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";

async function skills() {
  const accessToken = await getToken();
  return (await fetch(`${API}/skills?access_token=${accessToken}`)).json();  // expect: CX908
}

async function rotate(keySecret) {
  return fetch(`${API}/access-keys/check?access_key_secret=${keySecret}`, { method: "POST" });  // expect: CX908
}

module.exports = { skills, rotate };
