export async function redeem(tokenEndpoint: string, code: string, verifier: string) {
  const res = await fetch(tokenEndpoint, {  // expect: CX305
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id: "wallboard",
      client_secret: import.meta.env.VITE_CLIENT_SECRET,
      redirect_uri: "https://wallboard.acme.example/auth/callback",
    }),
  });
  return res.json();
}
