const express = require("express");
const { getToken } = require("./cxone");

const app = express();
const sessions = {};

app.post("/session", async (req, res) => {
  const sessionId = req.headers["x-session-id"];
  sessions[sessionId] = { accessToken: await getToken() };  // expect: CX907
  res.status(204).end();
});
