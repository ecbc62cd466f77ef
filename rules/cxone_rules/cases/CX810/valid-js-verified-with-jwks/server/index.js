const express = require("express");
const { createRemoteJWKSet, jwtVerify } = require("jose");

const ISSUER = "https://cxone.niceincontact.com";
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/auth/jwks`));
const app = express();

app.get("/api/me", async (req, res) => {
  const { payload } = await jwtVerify(req.headers["x-id-token"], JWKS, { issuer: ISSUER, audience: process.env.CID });
  res.json({ tenant: payload.tenantId, user: payload.sub });
});
