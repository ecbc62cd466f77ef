export const CLIENT_SECRET = process.env.CLIENT_SECRET;
