const ISSUER = "https://cxone.niceincontact.com";

export function logoutUrl(idToken: string): string {
  const params = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: "https://portal.acme.example/signed-out",
  });
  return `${ISSUER}/auth/authorize/logout?${params}`;
}
