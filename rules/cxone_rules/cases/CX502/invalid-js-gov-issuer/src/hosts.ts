export const ISSUER = "https://cxone-gov.niceincontact.com";  // expect: CX502
