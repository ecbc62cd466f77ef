const crypto = require("crypto");
const express = require("express");

const ISSUER = "https://cxone.niceincontact.com";
const REDIRECT = "https://portal.acme.example/callback";
const router = express.Router();
const { createRemoteJWKSet, jwtVerify } = require("jose");

const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/auth/jwks`));

router.get("/login", (req, res) => {
  req.session.state = crypto.randomUUID();
  res.redirect(`${ISSUER}/auth/authorize?response_type=code&client_id=${process.env.CID}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&state=${req.session.state}`);  // expect: CX814
});

router.get("/callback", async (req, res) => {
  if (req.query.state !== req.session.state) {
    return res.status(400).end();
  }
  const body = new URLSearchParams({ grant_type: "authorization_code", code: req.query.code, redirect_uri: REDIRECT });
  const basic = Buffer.from(`${process.env.CID}:${process.env.CS}`).toString("base64");
  const tokens = await (await fetch(`${ISSUER}/auth/token`, { method: "POST", headers: { Authorization: `Basic ${basic}` }, body })).json();
  const { payload } = await jwtVerify(tokens.id_token, JWKS, { issuer: ISSUER, audience: process.env.CID });
  req.session.user = payload.sub;
  res.redirect("/");
});

module.exports = { router };
