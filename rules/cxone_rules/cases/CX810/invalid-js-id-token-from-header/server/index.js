const express = require("express");
const { jwtDecode } = require("jwt-decode");

const ISSUER = "https://cxone.niceincontact.com";
const app = express();

app.get("/api/me", (req, res) => {
  const claims = jwtDecode(req.headers["x-id-token"]);  // expect: CX810
  res.json({ tenant: claims.tenantId, user: claims.sub });
});
