$script:Issuer = 'https://cxone.niceincontact.com'
