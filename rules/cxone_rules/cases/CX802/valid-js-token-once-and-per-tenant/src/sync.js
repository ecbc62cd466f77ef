const ISSUER = "https://cxone.niceincontact.com";

async function tokenFor(tenant) {
  const body = new URLSearchParams({ grant_type: "password", username: tenant.keyId, password: tenant.keySecret });
  const res = await fetch(`${ISSUER}/auth/token`, { method: "POST", body });
  return (await res.json()).access_token;
}

async function syncTenants(tenants) {
  for (const tenant of tenants) {
    const token = await tokenFor(tenant);
    await fetch(`${tenant.api}/agents`, { headers: { Authorization: `Bearer ${token}` } });
  }
}

module.exports = { syncTenants };
