$script:Authorize = 'https://cxone.niceincontact.com/auth/authorize'

function Get-LoginUrl {
    param([string]$ClientId, [string]$Challenge)
    $params = @{
        response_type = 'code'
        client_id     = $ClientId
        redirect_uri  = 'https://wallboard.acme.example/auth/callback'
        scope         = 'openid'
        code_challenge        = $Challenge
        code_challenge_method = 'S256'
    }
    $params
}
