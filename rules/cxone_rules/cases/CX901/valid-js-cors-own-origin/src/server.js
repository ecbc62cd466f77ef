const express = require("express");
const cors = require("cors");
const { requireLogin } = require("./session");
const { listAgents } = require("./cxone");

const app = express();
app.use(cors({ origin: ["https://wallboard.acme.example"] }));

app.get("/agents", requireLogin, async (req, res) => {
  res.json(await listAgents());
});
