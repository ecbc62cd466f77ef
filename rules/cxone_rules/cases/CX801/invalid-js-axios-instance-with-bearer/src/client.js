const axios = require("axios");

const api = axios.create({
  baseURL: "https://api-na1.niceincontact.com/inContactAPI/services/v31.0",
  headers: { Authorization: `Bearer ${process.env.CXONE_TOKEN}` },  // expect: CX801
});

async function skills() {
  return (await api.get("/skills")).data;
}

module.exports = { skills };
