function Get-ApiEndpoint {
    param([string]$TenantId)
    (Invoke-RestMethod -Uri "https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=$TenantId").api_endpoint
}
