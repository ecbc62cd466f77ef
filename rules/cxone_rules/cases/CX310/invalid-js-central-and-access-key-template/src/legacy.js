const TOKEN = "https://api.incontact.com/InContactAuthorizationServer/Token";  // expect: CX310
const ACCESS_KEY = `https://${process.env.AREA}.nice-incontact.com/authentication/v1/token/access-key`;  // expect: CX310
