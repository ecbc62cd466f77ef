$script:Authorize = 'https://cxone.niceincontact.com/auth/authorize'  # expect: CX304

function Get-LoginUrl {
    param([string]$ClientId, [string]$Challenge)
    $params = @{  # expect: CX304
        response_type = 'code'
        client_id     = $ClientId
        redirect_uri  = 'https://scheduler.acme.example/callback'
        scope         = 'openid'
        code_challenge        = $Challenge
        code_challenge_method = 'S256'
    }
    $params
}
