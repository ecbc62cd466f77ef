const axios = require("axios");

const TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token";

async function login() {
  const body = {
    grant_type: "password",
    username: process.env.CXONE_USER,
    password: process.env.CXONE_PASSWORD,
    scope: "RealTimeApi ReportingApi",
  };
  const auth = { username: process.env.CXONE_APP, password: process.env.CXONE_VENDOR_KEY };
  const reply = await axios.post(TOKEN_URL, body, { auth });
  return reply.data;
}

module.exports = { login };
