const host = `https://api-na1.niceincontact.com`;  // expect: CX503
