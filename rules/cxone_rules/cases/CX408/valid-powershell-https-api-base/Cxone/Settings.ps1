$script:Base = 'https://api-na1.niceincontact.com'
