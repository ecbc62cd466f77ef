function Get-CxoneToken {
    param([string]$TokenEndpoint, [pscredential]$Client, [pscredential]$AccessKey)
    $body = @{
        grant_type = 'password'
        username   = $AccessKey.UserName
        password   = $AccessKey.GetNetworkCredential().Password
    }
    Invoke-RestMethod -Method Post -Uri $TokenEndpoint -Body $body -Credential $Client -Authentication Basic
}
