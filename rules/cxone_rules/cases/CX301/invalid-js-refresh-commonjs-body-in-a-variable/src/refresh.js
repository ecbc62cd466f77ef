const axios = require("axios");

async function refresh(tokenEndpoint, refreshToken) {
  const params = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: process.env.CXONE_CLIENT_ID,
    client_secret: process.env.CXONE_CLIENT_SECRET,
  });
  const res = await axios.post(tokenEndpoint, params);  // expect: CX301
  return res.data;
}

module.exports = { refresh };
