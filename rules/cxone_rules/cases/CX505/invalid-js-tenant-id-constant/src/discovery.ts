const ISSUER = "https://cxone.niceincontact.com";

export async function apiEndpoint(): Promise<string> {
  const res = await fetch(`${ISSUER}/.well-known/cxone-configuration?tenantId=11eb0358-fa42-4a2a-8d3e-0242ac110002`);  // expect: CX505
  return (await res.json()).api_endpoint;
}
