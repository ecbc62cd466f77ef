function Get-CxoneToken {
    param([string]$ClientSecret = $env:CXONE_CLIENT_SECRET)
    $ClientSecret.Length
}
