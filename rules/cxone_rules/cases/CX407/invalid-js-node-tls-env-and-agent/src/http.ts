import https from "node:https";
import axios from "axios";

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";  // expect: CX407
export const api = axios.create({
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),  // expect: CX407
});
