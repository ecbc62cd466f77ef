const ISSUER = "https://cxone.niceincontact.com";

export function store(session: any, reply: any) {
  session.accessToken = reply.access_token;
  session.refreshToken = reply.refresh_token;
  session.expiresAt = Date.now() + (reply.expires_in - 60) * 1000;
  session.refreshExpiresAt = Date.now() + reply.expires_in * 1000;  // expect: CX806
}
