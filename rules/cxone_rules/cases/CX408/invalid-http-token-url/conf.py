TOKEN_URL = "http://cxone.niceincontact.com/auth/token"  # expect: CX408
