function Get-CxoneToken {
    param([string]$TokenEndpoint, [string]$AKID, [string]$AKSEC, [string]$Key)
    $Body = "grant_type=password&username=$($AKID)&password=$($AKSEC)"
    $Header = @{ Authorization = "Basic $Key" }
    Invoke-RestMethod -Method POST -Uri $TokenEndpoint -Body $Body -Headers $Header  # expect: CX311
}
