$Uri = @{
    Token = 'https://api.incontact.com/InContactAuthorizationServer/Token'  # expect: CX310
}
