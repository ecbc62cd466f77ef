const ISSUER = "https://cxone.niceincontact.com";

export async function apiEndpoint(tenantId: string): Promise<string> {
  const res = await fetch(`${ISSUER}/.well-known/cxone-configuration?tenantId=${encodeURIComponent(tenantId)}`);
  return (await res.json()).api_endpoint;
}
