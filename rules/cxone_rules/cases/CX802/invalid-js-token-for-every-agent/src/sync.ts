import { login } from "./auth";

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";

export async function sync(ids: string[]) {
  for (const id of ids) {
    const tokens = await login();  // expect: CX802
    await fetch(`${API}/agents/${id}`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  }
}
