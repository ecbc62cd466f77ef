const tokenType = "Bearer";
const TOKEN_REFRESHED = "tokenRefreshed";
const CHANGE_PASSWORD = "changePassword";
