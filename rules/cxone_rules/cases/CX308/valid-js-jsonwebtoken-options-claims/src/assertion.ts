import jwt from "jsonwebtoken";
import { randomUUID } from "node:crypto";

export function clientAssertion(clientId: string, tokenEndpoint: string): string {
  return jwt.sign({ jti: randomUUID() }, process.env.CXONE_CLIENT_SECRET!, {
    algorithm: "HS256",
    issuer: clientId,
    subject: clientId,
    audience: tokenEndpoint,
    expiresIn: "2m",
  });
}

export const body = { client_assertion: "", client_assertion_type: "jwt-bearer" };
