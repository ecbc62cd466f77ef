const TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token";

async function login() {
  const res = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { Authorization: `basic ${process.env.CENTRAL_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: process.env.CENTRAL_USER, password: process.env.CENTRAL_PASSWORD, scope: "" }),
  });
  return res.json();
}

async function skills() {
  const tokens = await login();
  const res = await fetch(`${tokens.resource_server_base_uri}services/v10.0/skills`, { headers: { Authorization: `bearer ${tokens.access_token}` } });
  return res.json();
}

module.exports = { skills };
