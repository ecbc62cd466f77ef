$script:Authorize = 'https://cxone.niceincontact.com/auth/authorize'

function Get-LoginUrl {
    param([string]$ClientId, [string]$Challenge)
    $params = @{  # expect: CX307
        response_type = 'code'
        client_id     = $ClientId
        redirect_uri  = 'https://wallboard.acme.example/auth/callback'
        scope         = 'openid'
    }
    $params
}
