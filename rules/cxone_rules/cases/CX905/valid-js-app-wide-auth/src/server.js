const express = require("express");
const passport = require("passport");
const { listAgents } = require("./cxone");

const app = express();
app.use(passport.authenticate("session"));

app.get("/agents", async (req, res) => {
  res.json(await listAgents());
});
