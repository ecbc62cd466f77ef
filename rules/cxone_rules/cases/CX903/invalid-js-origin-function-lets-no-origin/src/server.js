const express = require("express");
const cors = require("cors");

const DOMAINS = (process.env.DOMAINS || "").split(",");
const app = express();
app.use(cors({  // expect: CX903
  origin(origin, callback) {
    if (!origin || DOMAINS.indexOf(origin) !== -1) {
      callback(null, true);
    } else {
      callback(new Error("not allowed"));
    }
  },
}));
