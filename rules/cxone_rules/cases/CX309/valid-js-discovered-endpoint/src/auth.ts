import axios from "axios";

export async function fetchToken(tokenEndpoint: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "password",
    username: process.env.CXONE_ACCESS_KEY_ID ?? "",
    password: process.env.CXONE_ACCESS_KEY_SECRET ?? "",
  });
  const { data } = await axios.post(tokenEndpoint, body, {
    auth: { username: process.env.CXONE_CLIENT_ID!, password: process.env.CXONE_CLIENT_SECRET! },
  });
  return data.access_token;
}
