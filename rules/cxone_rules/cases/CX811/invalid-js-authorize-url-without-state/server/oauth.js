const crypto = require("crypto");
const express = require("express");

const ISSUER = "https://cxone.niceincontact.com";
const REDIRECT = "https://portal.acme.example/callback";
const router = express.Router();

router.get("/login", (req, res) => {
  const url = `${ISSUER}/auth/authorize?response_type=code&client_id=${process.env.CID}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid`;
  res.redirect(url);  // expect: CX811
});

router.get("/callback", async (req, res) => {
  if (req.query.state !== req.session.state) {
    return res.status(400).end();
  }
  const body = new URLSearchParams({ grant_type: "authorization_code", code: req.query.code, redirect_uri: REDIRECT });
  const basic = Buffer.from(`${process.env.CID}:${process.env.CS}`).toString("base64");
  const tokens = await (await fetch(`${ISSUER}/auth/token`, { method: "POST", headers: { Authorization: `Basic ${basic}` }, body })).json();
  req.session.accessToken = tokens.access_token;
  res.redirect("/");
});

module.exports = { router };
