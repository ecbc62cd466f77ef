function Get-CxoneToken {
    param([string]$TokenEndpoint, [pscredential]$Client, [hashtable]$Body)
    $token = Invoke-RestMethod -Method Post -Uri $TokenEndpoint -Body $Body -Credential $Client
    Write-Host "Token: $($token.access_token)"  # expect: CX406
    return $token  # expect: CX406
}
