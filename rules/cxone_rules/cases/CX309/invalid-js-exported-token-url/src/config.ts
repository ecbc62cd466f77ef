export const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";  // expect: CX309
