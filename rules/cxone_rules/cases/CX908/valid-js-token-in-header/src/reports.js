const { getToken } = require("./cxone");

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";

async function skills(pageToken) {
  const accessToken = await getToken();
  return (await fetch(`${API}/skills?top=100&next=${pageToken}`, { headers: { Authorization: `Bearer ${accessToken}` } })).json();
}

module.exports = { skills };
