import os

ISSUER = os.environ.get("CXONE_ISSUER", "https://cxone.niceincontact.com")  # expect: CX502
EU_API = "https://api-eu1.niceincontact.com"  # expect: CX502
