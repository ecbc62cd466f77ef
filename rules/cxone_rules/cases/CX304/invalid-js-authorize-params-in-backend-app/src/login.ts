const AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";  // expect: CX304

export function loginUrl(clientId: string, challenge: string, state: string): string {
  const params = new URLSearchParams({  // expect: CX304
    response_type: "code",
    client_id: clientId,
    redirect_uri: "https://wallboard.acme.example/auth/callback",
    scope: "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${AUTHORIZE}?${params}`;
}
