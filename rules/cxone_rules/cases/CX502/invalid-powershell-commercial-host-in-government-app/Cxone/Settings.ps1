$script:Issuer = 'https://cxone.niceincontact.com'  # expect: CX502
