ISSUER = "https://cxone-gov.niceincontact.com"
