# Refreshes the NICE CXone access token.
function Update-CxoneToken {
    param([string]$TokenEndpoint, [string]$RefreshToken)
    $body = @{
        grant_type    = 'refresh_token'
        refresh_token = $RefreshToken
        client_id     = $env:CXONE_CLIENT_ID
        client_secret = $env:CXONE_CLIENT_SECRET
    }
    Invoke-RestMethod -Method Post -Uri $TokenEndpoint -Body $body  # expect: CX302
}
