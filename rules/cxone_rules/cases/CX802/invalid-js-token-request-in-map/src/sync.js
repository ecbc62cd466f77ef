const ISSUER = "https://cxone.niceincontact.com";

async function refreshAll(agents) {
  return Promise.all(agents.map(async (agent) => {
    const body = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
    const res = await fetch(`${ISSUER}/auth/token`, { method: "POST", body });  // expect: CX802
    return { agent, token: (await res.json()).access_token };
  }));
}

module.exports = { refreshAll };
