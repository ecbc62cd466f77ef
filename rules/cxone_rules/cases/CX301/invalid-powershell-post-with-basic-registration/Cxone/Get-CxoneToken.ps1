function Get-CxoneToken {
    param([string]$TokenEndpoint)
    $body = @{
        grant_type    = 'password'
        username      = $env:CXONE_ACCESS_KEY_ID
        password      = $env:CXONE_ACCESS_KEY_SECRET
        client_id     = $env:CXONE_CLIENT_ID
        client_secret = $env:CXONE_CLIENT_SECRET
    }
    Invoke-RestMethod -Method Post -Uri $TokenEndpoint -Body $body  # expect: CX301
}
