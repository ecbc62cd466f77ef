const clientId = process.env.CXONE_CLIENT_ID;
const clientSecret = process.env.CXONE_CLIENT_SECRET;

export async function login(tokenEndpoint) {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "password",
      username: process.env.CXONE_ACCESS_KEY_ID,
      password: process.env.CXONE_ACCESS_KEY_SECRET,
    }),
  });
  return res.json();
}
