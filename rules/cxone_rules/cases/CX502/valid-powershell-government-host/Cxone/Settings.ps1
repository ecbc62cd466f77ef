$script:Issuer = 'https://cxone-gov.niceincontact.com'
