export async function redeem(tokenEndpoint: string, code: string, verifier: string) {
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id: "wallboard",
      redirect_uri: "https://wallboard.acme.example/auth/callback",
    }),
  });
  return res.json();
}
