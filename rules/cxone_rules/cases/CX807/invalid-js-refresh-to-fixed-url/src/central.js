const TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token";

async function login() {
  const res = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { Authorization: `basic ${process.env.CENTRAL_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: process.env.CENTRAL_USER, password: process.env.CENTRAL_PASSWORD, scope: "" }),
  });
  return res.json();
}

async function refresh(tokens) {
  const res = await fetch(TOKEN_URL, {  // expect: CX807
    method: "POST",
    headers: { Authorization: `basic ${process.env.CENTRAL_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }),
  });
  return res.json();
}

module.exports = { login, refresh };
