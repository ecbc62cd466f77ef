const crypto = require("crypto");
const express = require("express");
const { getToken } = require("./cxone");

const app = express();
const sessions = {};

app.post("/session", async (req, res) => {
  const sessionId = crypto.randomUUID();
  sessions[sessionId] = { accessToken: await getToken() };
  res.cookie("sid", sessionId, { httpOnly: true, secure: true, sameSite: "strict" }).status(204).end();
});
