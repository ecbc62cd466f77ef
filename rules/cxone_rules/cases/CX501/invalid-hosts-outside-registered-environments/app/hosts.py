import os

ISSUER = os.environ.get("CXONE_ISSUER", "https://cxone.niceincontact.com")
EU_API = "https://api-eu1.niceincontact.com"  # expect: CX501
DEV_ISSUER = "https://cxone.dev.niceincontact.com"  # expect: CX501
USERHUB = "https://eu1.nice-incontact.com/user-management/v1/users"  # expect: CX501
