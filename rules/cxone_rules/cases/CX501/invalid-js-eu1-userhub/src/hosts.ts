export const USERHUB = "https://eu1.nice-incontact.com/user-management/v1/users";  // expect: CX501
