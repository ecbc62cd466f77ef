const AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";
function loginUrl(clientId) {
  let url = AUTHORIZE + "?client_id=" + encodeURIComponent(clientId);
  url += "&response_type=token";
  url += "&scope=openid";
  return url;  // expect: CX303
}
