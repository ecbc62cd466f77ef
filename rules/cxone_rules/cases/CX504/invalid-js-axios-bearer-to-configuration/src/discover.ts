import axios from "axios";
export async function apiEndpoint(issuer: string, tenantId: string, token: string) {
  const url = `${issuer}/.well-known/cxone-configuration?tenantId=${tenantId}`;
  const { data } = await axios.get(url, { headers: { Authorization: `Bearer ${token}` } });  // expect: CX504
  return data.api_endpoint;
}
