export const ISSUER = "https://cxone.niceincontact.com";
