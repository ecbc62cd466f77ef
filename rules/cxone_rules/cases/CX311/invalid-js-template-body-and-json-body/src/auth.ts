import axios from "axios";

export async function fetchToken(tokenEndpoint: string, basic: string) {
  const id = process.env.CXONE_ACCESS_KEY_ID;
  const secret = process.env.CXONE_ACCESS_KEY_SECRET;
  const body = `grant_type=password&username=${id}&password=${secret}`;
  return axios.post(tokenEndpoint, body, { headers: { Authorization: `Basic ${basic}` } });  // expect: CX311
}

export async function fetchTokenJson(tokenEndpoint: string, basic: string) {
  return fetch(tokenEndpoint, {  // expect: CX311
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: "id", password: "secret" }),
  });
}
