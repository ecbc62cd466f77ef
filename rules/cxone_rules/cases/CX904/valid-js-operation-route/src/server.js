const express = require("express");
const { requireLogin } = require("./session");
const { listAgents } = require("./cxone");

const app = express();

app.get("/agents", requireLogin, async (req, res) => {
  res.json(await listAgents());
});
