import jwt from "jsonwebtoken";

export function clientAssertion(clientId: string, tokenEndpoint: string): string {
  const claims = { iss: clientId, sub: "backend", aud: tokenEndpoint };
  return jwt.sign(claims, process.env.CXONE_CLIENT_SECRET!, { expiresIn: "1h" });  // expect: CX308
}

export const body = { client_assertion: "", client_assertion_type: "jwt-bearer" };
