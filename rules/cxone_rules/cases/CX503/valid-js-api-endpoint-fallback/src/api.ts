export async function apiBase(conf: { api_endpoint?: string }) {
  return conf.api_endpoint ?? "https://api-na1.niceincontact.com";
}
