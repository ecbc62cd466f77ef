const ISSUER = "https://cxone.niceincontact.com";
const REFRESH_LIFETIME = 7200;

export function store(session: any, reply: any) {
  session.accessToken = reply.access_token;
  session.refreshToken = reply.refresh_token;
  session.expiresAt = Date.now() + (reply.expires_in - 60) * 1000;
  session.refreshExpiresAt = Date.now() + (REFRESH_LIFETIME - 60) * 1000;
}
