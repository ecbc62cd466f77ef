function Get-CxoneToken {
    param([string]$TokenEndpoint, [string]$AKID, [string]$AKSEC, [string]$Key)
    $id = [uri]::EscapeDataString($AKID)
    $secret = [uri]::EscapeDataString($AKSEC)
    $Body = "grant_type=password&username=$id&password=$secret"
    $Header = @{ Authorization = "Basic $Key" }
    Invoke-RestMethod -Method POST -Uri $TokenEndpoint -Body $Body -Headers $Header
}
