const express = require("express");
const { listAgents } = require("./cxone");

const app = express();

app.get("/agents", async (req, res) => {
  res.json(await listAgents());
});

app.listen(8080, "127.0.0.1");
