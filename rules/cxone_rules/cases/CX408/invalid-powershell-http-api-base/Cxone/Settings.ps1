$script:Base = 'http://api-na1.niceincontact.com'  # expect: CX408
