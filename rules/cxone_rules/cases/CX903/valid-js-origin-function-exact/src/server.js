const express = require("express");
const cors = require("cors");

const ALLOWED = new Set(["https://wallboard.acme.example"]);
const app = express();
app.use(cors({
  origin(origin, callback) {
    callback(null, ALLOWED.has(origin));
  },
}));
