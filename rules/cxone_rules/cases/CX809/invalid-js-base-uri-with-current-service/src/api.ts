import { login } from "./auth";

export async function skills() {
  const tokens = await login();
  const base = tokens.resource_server_base_uri;  // expect: CX809
  return (await fetch(`${base}services/v31.0/skills`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json();
}
