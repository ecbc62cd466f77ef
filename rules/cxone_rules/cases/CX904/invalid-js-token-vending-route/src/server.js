const express = require("express");
const { getToken } = require("./cxone");

const app = express();

app.get("/token", async (req, res) => {  // expect: CX904
  res.json({ accessToken: await getToken() });
});
