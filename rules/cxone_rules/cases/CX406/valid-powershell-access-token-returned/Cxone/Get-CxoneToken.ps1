function Get-CxoneToken {
    param([string]$TokenEndpoint, [pscredential]$Client, [hashtable]$Body)
    $token = Invoke-RestMethod -Method Post -Uri $TokenEndpoint -Body $Body -Credential $Client
    Write-Verbose "Token expires in $($token.expires_in) s"
    $token.access_token
}
