import os

ISSUER = os.environ.get("CXONE_ISSUER", "https://cxone.niceincontact.com")
EU_API = "https://api-eu1.niceincontact.com"
