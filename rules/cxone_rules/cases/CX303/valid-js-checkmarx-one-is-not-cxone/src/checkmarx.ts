const IAM = "https://iam.checkmarx.net/auth/realms/acme/protocol/openid-connect/token";
export async function cxoneToken(clientId: string, secret: string) {
  const body = new URLSearchParams({
    grant_type: "client_credentials", client_id: clientId, client_secret: secret,
  });
  return (await fetch(IAM, { method: "POST", body })).json();
}
