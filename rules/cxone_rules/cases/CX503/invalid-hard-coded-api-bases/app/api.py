BASE = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"  # expect: CX503
START = "https://api-b32.nice-incontact.com/incontactapi/services/v31.0/scripts/start"  # expect: CX503
AGENTS = "https://api-c14.incontact.com/inContactAPI/services/v16.0/agents"  # expect: CX503
ISSUER = "https://cxone.niceincontact.com"
BU = "https://cxone.niceincontact.com/inContactAPI/services/v27.0/business-unit"  # expect: CX503
