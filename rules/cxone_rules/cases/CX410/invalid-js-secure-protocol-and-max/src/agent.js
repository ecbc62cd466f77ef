const https = require("https");

const API = "https://api-na1.niceincontact.com";
const agent = new https.Agent({
  keepAlive: true,
  maxVersion: "TLSv1.1",  // expect: CX410
});
const legacy = new https.Agent({ secureProtocol: "TLSv1_method" });  // expect: CX410

module.exports = { agent, legacy };
