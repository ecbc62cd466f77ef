const express = require("express");
const cors = require("cors");
const { listAgents } = require("./cxone");

const app = express();
app.use(cors());  // expect: CX901

app.get("/agents", async (req, res) => {
  res.json(await listAgents());
});
