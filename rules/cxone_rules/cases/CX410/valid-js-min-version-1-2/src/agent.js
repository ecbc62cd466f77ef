const https = require("https");

const API = "https://api-na1.niceincontact.com";
const agent = new https.Agent({ keepAlive: true, minVersion: "TLSv1.2" });

module.exports = { agent };
