$script:UserHub = 'https://au1.nice-incontact.com'  # expect: CX501
