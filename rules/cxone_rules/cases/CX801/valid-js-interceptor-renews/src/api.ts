import axios from "axios";
import { login } from "./auth";

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";
const api = axios.create({ baseURL: API, headers: { Authorization: `Bearer ${process.env.BOOT_TOKEN}` } });
api.interceptors.request.use(async (config) => {
  config.headers.Authorization = `Bearer ${(await login()).access_token}`;
  return config;
});

export async function agents() {
  return (await api.get("/agents")).data;
}
