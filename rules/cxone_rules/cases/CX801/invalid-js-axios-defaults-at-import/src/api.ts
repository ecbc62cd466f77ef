import axios from "axios";
import { login } from "./auth";

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";
const tokens = await login();
axios.defaults.headers.common["Authorization"] = `Bearer ${tokens.access_token}`;  // expect: CX801

export async function agents() {
  return (await axios.get(`${API}/agents`)).data;
}
