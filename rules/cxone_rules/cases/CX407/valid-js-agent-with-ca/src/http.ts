import https from "node:https";
export const agent = new https.Agent({ ca: process.env.CA_BUNDLE });
