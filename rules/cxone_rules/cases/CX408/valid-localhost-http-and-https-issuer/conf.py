REDIRECT = "http://localhost:3000/auth-callback"
ISSUER = "https://cxone.niceincontact.com"
