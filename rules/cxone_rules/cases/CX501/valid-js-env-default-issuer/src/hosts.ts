export const ISSUER = process.env.CXONE_ISSUER ?? "https://cxone.niceincontact.com";
