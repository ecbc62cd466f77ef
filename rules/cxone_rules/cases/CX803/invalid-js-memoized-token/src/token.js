const memoize = require("lodash/memoize");

const ISSUER = "https://cxone.niceincontact.com";

const getToken = memoize(async () => {  // expect: CX803
  const body = new URLSearchParams({ grant_type: "password", username: process.env.KEY_ID, password: process.env.KEY_SECRET });
  const res = await fetch(`${ISSUER}/auth/token`, { method: "POST", body });
  return (await res.json()).access_token;
});

module.exports = { getToken };
