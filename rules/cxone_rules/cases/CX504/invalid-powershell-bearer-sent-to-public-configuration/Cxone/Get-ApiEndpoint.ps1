function Get-ApiEndpoint {
    param([string]$Token, [string]$TenantId)
    $headers = @{ Authorization = "Bearer $Token" }
    (Invoke-RestMethod -Uri "https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=$TenantId" -Headers $headers).api_endpoint  # expect: CX504
}
