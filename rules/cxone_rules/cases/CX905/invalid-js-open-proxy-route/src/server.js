const express = require("express");
const { listAgents } = require("./cxone");

const app = express();

app.get("/agents", async (req, res) => {  // expect: CX905
  res.json(await listAgents());
});
