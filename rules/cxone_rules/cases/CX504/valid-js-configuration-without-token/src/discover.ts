export async function apiEndpoint(issuer: string, tenantId: string) {
  const res = await fetch(`${issuer}/.well-known/cxone-configuration?tenantId=${tenantId}`);
  return (await res.json()).api_endpoint;
}
