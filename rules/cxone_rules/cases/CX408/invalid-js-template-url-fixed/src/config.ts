export const BASE = `http://api-na1.niceincontact.com/${'x'}`;
