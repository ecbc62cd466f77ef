import logger from "./logger";

export async function login(tokenEndpoint: string, body: URLSearchParams) {
  body.append("grant_type", "password");
  const res = await fetch(tokenEndpoint, { method: "POST", body });
  const tokens = await res.json();
  console.log(`token: ${tokens.access_token}`);  // expect: CX406
  logger.info("tokens", tokens);  // expect: CX406
  return tokens;
}

export function handler(req: any, res: any, accessToken: string) {
  res.json({ accessToken });  // expect: CX406
}
