const axios = require("axios");

const TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token";

async function login() {
  const body = { grant_type: "password", username: process.env.USER, password: process.env.PASSWORD };
  const auth = { username: process.env.APP, password: process.env.VENDOR_KEY };
  return (await axios.post(TOKEN_URL, body, { auth })).data;
}

module.exports = { login };
